package dev.amanah.donations.cli;

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
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        var command = exception.getCommandLine();
        var unmatched = command.getUnmatchedArguments();
        var error = exception instanceof UnmatchedArgumentException || unmatched.isEmpty()
                ? exception
                : new UnmatchedArgumentException(command, unmatched);
        var err = command.getErr();
        err.println(line(error));
        command.usage(err, command.getColorScheme());
        err.flush();
        return Amanah.BAD_INPUT;
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
