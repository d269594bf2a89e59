package dev.amanah.donations.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error of any {@code amanah} command: one line naming what was typed wrong, then
 * the command's usage, exit code {@link Amanah#BAD_INPUT}.
 *
 * <p>An argument the command does not know (a misspelled flag) is named first, with the options it
 * may have meant ({@link OptionSuggestions}): {@code Unknown option: '--yaer' (did you mean --year?)}.
 * Picocli checks required options before it complains of unknown ones, so left to itself it would
 * say only {@code Missing required option: '--retry-failed'} about a flag that was typed, misspelled.
 * The word typed right after an unknown option is taken for its value and not reported:
 * {@code --yaer 2026} (or {@code -2026}) is {@code Unknown option: '--yaer'}; a word the command
 * cannot take is, even when the same word was the unknown option's value:
 * {@code import --dry x.csv x.csv} is {@code Unknown options: '--dry', 'x.csv'}.
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        var command = exception.getCommandLine();
        var all = command.getUnmatchedArguments();
        var unmatched = withoutValuesOfUnknownOptions(command, all, args);
        var error = unmatched.isEmpty() || exception instanceof UnmatchedArgumentException && unmatched.equals(all)
                ? exception
                : new UnmatchedArgumentException(command, unmatched);
        var err = command.getErr();
        err.println(line(error));
        command.usage(err, command.getColorScheme());
        err.flush();
        return Amanah.BAD_INPUT;
    }

    /**
     * {@code unmatched} without each word typed directly after an unknown {@code --option}, which
     * was meant as its value, a negative number as much as a positive one. Picocli cannot tell an
     * unknown option's arity, so it reports the value as unknown too; the option alone says what to
     * fix. The words are placed in {@code args} by {@link UnmatchedPlaces}; when they cannot be
     * placed, all of them are kept.
     */
    private static List<String> withoutValuesOfUnknownOptions(CommandLine command, List<String> unmatched, String[] args) {
        var places = UnmatchedPlaces.of(command, args, unmatched);
        if (places.isEmpty()) {
            return unmatched;
        }
        var kept = new ArrayList<String>();
        var afterUnknownOption = -1;
        for (var k = 0; k < unmatched.size(); k++) {
            var argument = unmatched.get(k);
            int at = places.get().get(k);
            var isOption = UnmatchedPlaces.isOption(argument);
            if (isOption || at != afterUnknownOption) {
                kept.add(argument);
            }
            afterUnknownOption = isOption && !argument.contains("=") ? at + 1 : -1;
        }
        return kept;
    }

    private static String line(ParameterException error) {
        if (error instanceof UnmatchedArgumentException unknown && unknown.isUnknownOption()) {
            var suggestions = OptionSuggestions.of(unknown.getUnmatched().getFirst(),
                    error.getCommandLine().getCommandSpec(), unknown.getSuggestions());
            if (!suggestions.isEmpty()) {
                return error.getMessage() + " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        return error.getMessage();
    }
}
