package dev.amanah.donations.cli;

import dev.amanah.donations.auth.AuthException;
import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffAccount;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code amanah staff add NAME --role ROLE}: creates a staff account in the service's database (the
 * same configuration as {@code amanah serve}; migrated if new), e.g. the first approver. The
 * password is read from the terminal without echo, or else from the first line of standard input;
 * it is never a flag or a variable, so it stays out of the shell's history and the process list.
 * No password at all (an empty line, or standard input at its end) is refused as
 * {@code MISSING_INPUT password} before the database is opened. {@code amanah staff list} lists the
 * database's accounts, one {@code name<TAB>role} a line on standard output ({@code <TAB>disabled}
 * after a disabled one's); where there are none, or where the configuration's {@code staff.accounts}
 * also has some, it says so on standard error. {@code amanah staff disable NAME} disables an
 * account of the database ({@link StaffAccounts#disable}): it can no longer log in and its open
 * sessions are refused at their next request, while its name stays in the audit trail and cannot
 * be given to anyone else; an unknown name is refused with exit code 2 and nothing changed.
 * {@code amanah staff password NAME} sets a new password, read as {@code add} reads it, and ends
 * the account's sessions likewise, so none opened with a leaked password survives the reset. Each
 * line of a command starts with its name, e.g. {@code amanah staff add:}.
 */
@Command(name = "staff", description = "Manage staff accounts (for the web pages' login).",
        subcommands = {StaffCommand.Add.class, StaffCommand.ListAccounts.class, StaffCommand.Disable.class, StaffCommand.SetPassword.class})
final class StaffCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final Supplier<Console> console;
    private final InputStream in;

    /**
     * @param console the terminal to ask for the password without echo, or null where there is none
     * @param in      standard input, whose first line is the password where there is no console
     */
    StaffCommand(Supplier<Console> console, InputStream in) {
        this.console = console;
        this.in = in;
    }

    /** The password typed at the terminal without echo, else the first line of standard input; "" for none. */
    private String readPassword() throws IOException {
        var terminal = console.get();
        if (terminal != null) {
            var typed = terminal.readPassword("Password (at least %d characters): ", Passwords.MIN_LENGTH);
            return typed == null ? "" : new String(typed);
        }
        var line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }

    private static Database open(AmanahConfig config) {
        ConfiguredStore.makeDataDirectory(config);
        var database = config.database();
        return Database.open(DatabaseConfig.fromUrl(database.jdbcUrl(), database.user(), database.password()));
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

        @Spec
        CommandSpec spec;

        @ParentCommand
        StaffCommand parent;

        @Override
        public Integer call() throws IOException {
            // read before the password, so nobody types one only to learn that --config names no file
            var settings = ConfiguredStore.config(file);
            var password = parent.readPassword();
            if (password.isEmpty()) {
                // Passwords would call it WEAK_PASSWORD, which sends the user looking for a longer one
                throw new InputException(InputException.Code.MISSING_INPUT, "password", "no password given: type it at the prompt"
                        + " on a terminal, or give it as the first line of standard input, e.g. printf '%s\\n' \"$PASSWORD\" | amanah staff add "
                        + username + " --role " + role.name());
            }
            try (var database = open(settings)) {
                new StaffAccounts(database, new Passwords(Passwords.DEFAULT_COST), Clock.systemUTC()).add(username, password, role);
            } catch (AuthException e) {
                throw new InputException(InputException.Code.INVALID_VALUE, e.code().equals("USERNAME_TAKEN") || e.code().equals("INVALID_USERNAME")
                        ? "NAME" : "password", e.code() + " " + e.getMessage());
            }
            var out = spec.commandLine().getOut();
            out.println("amanah staff add: added " + username + " (" + role.name().toLowerCase(Locale.ROOT) + ")");
            out.flush();
            return 0;
        }
    }

    /** {@code amanah staff list}. */
    @Command(name = "list", description = "List the staff accounts of the database and their roles (and name those of staff.accounts).")
    static final class ListAccounts implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var config = ConfiguredStore.config(file);
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            try (var database = open(config)) {
                var accounts = new StaffAccounts(database, new Passwords(4), Clock.systemUTC());
                var members = accounts.all();
                var disabled = Set.copyOf(accounts.disabled());
                members.forEach(member -> out.println(member.username() + "\t" + member.role().name().toLowerCase(Locale.ROOT)
                        + (disabled.contains(member.username()) ? "\tdisabled" : "")));
                if (members.isEmpty()) {
                    err.println("amanah staff list: no staff accounts in the database; add one with amanah staff add NAME --role ROLE");
                }
            }
            var configured = config.staff().accounts();
            if (!configured.isEmpty()) {
                // they log in too, but live in the configuration, so a user who only sees the list above would miss them
                err.println("amanah staff list: staff.accounts of the configuration also has " + configured.size() + ": "
                        + configured.stream().map(ListAccounts::describe).collect(Collectors.joining(", ")));
            }
            out.flush();
            err.flush();
            return 0;
        }

        private static String describe(StaffAccount account) {
            return account.username() + " (" + account.role().name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    /** {@code amanah staff disable NAME}. */
    @Command(name = "disable", description = "Disable a staff account: it can no longer log in and its sessions end; "
            + "its name stays in the audit trail.")
    static final class Disable implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "NAME", description = "The login name of an account of the database.")
        String username;

        @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var config = ConfiguredStore.config(file);
            try (var database = open(config)) {
                new StaffAccounts(database, new Passwords(4), Clock.systemUTC()).disable(username);
            } catch (AuthException e) {
                boolean configured = config.staff().accounts().stream().anyMatch(a -> a.username().equals(username));
                // such an account lives in the configuration, where no command can reach it
                throw new InputException(InputException.Code.INVALID_VALUE, "NAME", e.code() + " " + e.getMessage()
                        + (configured ? "; it is in staff.accounts of the configuration: remove it there and restart the service" : ""));
            }
            var out = spec.commandLine().getOut();
            out.println("amanah staff disable: disabled " + username + "; its sessions have ended");
            out.flush();
            return 0;
        }
    }

    /** {@code amanah staff password NAME}. */
    @Command(name = "password", description = "Set a new password for a staff account and end its sessions; "
            + "the password is read from the terminal (no echo) or stdin.")
    static final class SetPassword implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Parameters(index = "0", paramLabel = "NAME", description = "The login name of an account of the database.")
        String username;

        @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
        Path file;

        @Spec
        CommandSpec spec;

        @ParentCommand
        StaffCommand parent;

        @Override
        public Integer call() throws IOException {
            var config = ConfiguredStore.config(file);
            try (var database = open(config)) {
                var accounts = new StaffAccounts(database, new Passwords(Passwords.DEFAULT_COST), Clock.systemUTC());
                // asked before the password, so nobody types one for a misspelled name
                accounts.requireAccount(username);
                var password = parent.readPassword();
                if (password.isEmpty()) {
                    throw new InputException(InputException.Code.MISSING_INPUT, "password", "no password given: type it at the prompt"
                            + " on a terminal, or give it as the first line of standard input, e.g. printf '%s\\n' \"$PASSWORD\" | amanah staff password "
                            + username);
                }
                accounts.setPassword(username, password);
            } catch (AuthException e) {
                throw new InputException(InputException.Code.INVALID_VALUE, e.code().equals("UNKNOWN_ACCOUNT") ? "NAME" : "password",
                        e.code() + " " + e.getMessage());
            }
            var out = spec.commandLine().getOut();
            out.println("amanah staff password: set the password of " + username + "; its sessions have ended");
            out.flush();
            return 0;
        }
    }
}
