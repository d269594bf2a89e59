package dev.amanah.donations.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error of any {@code amanah} command: one line naming what was typed wrong, then
 * the command's usage, exit code {@link Amanah#BAD_INPUT}.
 *
 * <p>An argument the command does not know (a misspelled flag) is named first, with picocli's
 * suggestion when it has one: {@code Unknown option: '--retry-faild' (did you mean --retry-failed?)}.
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
        if (error instanceof UnmatchedArgumentException unknown && !unknown.getSuggestions().isEmpty()) {
            return error.getMessage() + " (did you mean " + String.join(" or ", unknown.getSuggestions()) + "?)";
        }
        return error.getMessage();
    }
}
