package dev.amanah.donations.cli;

import dev.amanah.donations.auth.AuthException;
import dev.amanah.donations.auth.Passwords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amanah hash-password}: reads a password from the first line of standard input (never
 * from the command line, where other users and the shell's history would see it) and prints its
 * BCrypt hash, for a {@code staff.accounts} entry. The password must meet the rule of every staff
 * login ({@link Passwords}: at least {@value Passwords#MIN_LENGTH} characters, at most 72 bytes);
 * none at all is {@code MISSING_INPUT password}, a weak or long one {@code INVALID_VALUE password}
 * with the rule's code, exit code 2 and nothing printed on standard output.
 */
@Command(name = "hash-password", description = "Print the BCrypt hash of the password on standard input (for staff.accounts).")
final class HashPasswordCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--cost", paramLabel = "N", defaultValue = "12", description = "BCrypt cost, 4 to 31 (default: ${DEFAULT-VALUE}).")
    int cost;

    @Spec
    CommandSpec spec;

    private final InputStream in;

    /** @param in standard input, whose first line is the password */
    HashPasswordCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws IOException {
        if (cost < 4 || cost > 31) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--cost", "must be 4 to 31, was " + cost);
        }
        var line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new InputException(InputException.Code.MISSING_INPUT, "password",
                    "no password given: give it as the first line of standard input, e.g. printf '%s\\n' \"$PASSWORD\" | amanah hash-password");
        }
        String hash;
        try {
            hash = new Passwords(cost).hash(line);
        } catch (AuthException e) {
            throw new InputException(InputException.Code.INVALID_VALUE, "password", e.code() + " " + e.getMessage());
        }
        spec.commandLine().getOut().println(hash);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
