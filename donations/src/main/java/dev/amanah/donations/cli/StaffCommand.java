package dev.amanah.donations.cli;

import dev.amanah.donations.auth.AuthException;
import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code amanah staff add NAME --role ROLE}: creates a staff account in the service's database (the
 * same configuration as {@code amanah serve}; migrated if new), e.g. the first approver. The
 * password is read from the terminal without echo, or else from the first line of standard input;
 * it is never a flag or a variable, so it stays out of the shell's history and the process list. {@code amanah staff list} lists the
 * accounts.
 */
@Command(name = "staff", description = "Manage staff accounts (for the web pages' login).",
        subcommands = {StaffCommand.Add.class, StaffCommand.ListAccounts.class})
final class StaffCommand {
    private static final Path DEFAULT_FILE = Path.of("amanah.yaml");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private static Database open(Path file) {
        var chosen = Optional.ofNullable(file).or(() -> Files.exists(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty());
        var config = ConfigLoader.load(chosen, System.getenv()).database();
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new InputException(InputException.Code.UNREADABLE_FILE, "database.dataDir", "cannot create " + config.dataDir());
        }
        return Database.open(DatabaseConfig.fromUrl(config.jdbcUrl(), config.user(), config.password()));
    }

    /** {@code amanah staff add NAME --role ROLE}. */
    @Command(name = "add", description = "Create a staff account; the password is read from the terminal (no echo) or stdin.")
    static final class Add implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "NAME", description = "The login name (a-z 0-9 . _ -).")
        String username;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "VIEWER, PREPARER or APPROVER.")
        Role role;

        @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
        Path file;

        @Override
        public Integer call() throws IOException {
            var password = password();
            try (var database = open(file)) {
                new StaffAccounts(database, new Passwords(Passwords.DEFAULT_COST), Clock.systemUTC()).add(username, password, role);
            } catch (AuthException e) {
                throw new InputException(InputException.Code.INVALID_VALUE, e.code().equals("USERNAME_TAKEN") || e.code().equals("INVALID_USERNAME")
                        ? "NAME" : "password", e.code() + " " + e.getMessage());
            }
            System.out.println("amanah staff: added " + username + " (" + role.name().toLowerCase(Locale.ROOT) + ")");
            return 0;
        }

        private static String password() throws IOException {
            var console = System.console();
            if (console != null) {
                var typed = console.readPassword("Password (at least %d characters): ", Passwords.MIN_LENGTH);
                return typed == null ? "" : new String(typed);
            }
            var line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line;
        }
    }

    /** {@code amanah staff list}. */
    @Command(name = "list", description = "List the staff accounts and their roles.")
    static final class ListAccounts implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
        Path file;

        @Override
        public Integer call() {
            try (var database = open(file)) {
                new StaffAccounts(database, new Passwords(4), Clock.systemUTC()).all()
                        .forEach(member -> System.out.println(member.username() + "\t" + member.role().name().toLowerCase(Locale.ROOT)));
            }
            return 0;
        }
    }
}
