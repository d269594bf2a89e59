package dev.amanah.donations.cli;

import java.util.ArrayList;
import java.util.List;
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
 * {@code --yaer 2026} is {@code Unknown option: '--yaer'}.
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        var command = exception.getCommandLine();
        var all = command.getUnmatchedArguments();
        var unmatched = withoutValuesOfUnknownOptions(all, args);
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
     * {@code unmatched} without each word typed directly after an unknown {@code --option} (found
     * in {@code args}), which was meant as its value. Picocli cannot tell an unknown option's
     * arity, so it reports the value as unknown too; the option alone says what to fix. When the
     * unmatched arguments cannot be placed in {@code args}, all of them are kept.
     */
    private static List<String> withoutValuesOfUnknownOptions(List<String> unmatched, String[] args) {
        var kept = new ArrayList<String>();
        var from = 0;
        var afterUnknownOption = -1;
        for (var argument : unmatched) {
            var at = indexOf(args, argument, from);
            if (at < 0) {
                return unmatched;
            }
            var isOption = argument.startsWith("-");
            if (isOption || at != afterUnknownOption) {
                kept.add(argument);
            }
            afterUnknownOption = isOption && !argument.contains("=") ? at + 1 : -1;
            from = at + 1;
        }
        return kept;
    }

    private static int indexOf(String[] args, String argument, int from) {
        for (var i = from; i < args.length; i++) {
            if (args[i].equals(argument)) {
                return i;
            }
        }
        return -1;
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
