package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah staff add} and {@code amanah staff list} on an SQLite database chosen by --config,
 * with no terminal: the password comes from standard input.
 */
class StaffCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Path config;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void configuration() throws IOException {
        config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data") + "\n");
    }

    private Run run(String stdin, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW, () -> false, () -> null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void add_with_no_password_on_standard_input_says_none_was_given_and_how_to_give_one() {
        for (var stdin : new String[] {"", "\n"}) {
            var run = run(stdin, "staff", "add", "amina", "--role", "APPROVER");

            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as("stdin %s", stdin.length())
                    .startsWith("amanah staff add: MISSING_INPUT password: no password given")
                    .contains("first line of standard input")
                    .doesNotContain("WEAK_PASSWORD");
            assertThat(run.out()).isEmpty();
        }
        assertThat(run("", "staff", "list").out()).isEmpty();
    }

    /** The password was asked for first, so a person typed it only to learn that --config named no file. */
    @Test
    void add_refuses_a_configuration_it_cannot_read_before_it_asks_for_the_password() {
        var asked = new AtomicBoolean();
        var stdin = emptyInputNoting(asked);
        var commandLine = Amanah.commandLine(NOW, () -> false, () -> null, stdin);
        var err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        var missing = dir.resolve("nosuch.yaml").toString();

        var code = commandLine.execute("staff", "add", "amina", "--role", "APPROVER", "--config", missing);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("amanah staff add: CONFIG_ERROR").contains(missing, "no such file");
        assertThat(asked).as("standard input read for the password").isFalse();
    }

    @Test
    void add_names_itself_alike_in_its_success_and_its_errors() {
        var added = run("a long passphrase\n", "staff", "add", "amina", "--role", "APPROVER");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("amanah staff add: added amina (approver)\n");

        var weak = run("short\n", "staff", "add", "bilal", "--role", "VIEWER");
        assertThat(weak.code()).isEqualTo(2);
        assertThat(weak.err()).startsWith("amanah staff add: INVALID_VALUE password: WEAK_PASSWORD");

        assertThat(run("", "staff", "list").out()).isEqualTo("amina\tapprover\n");
    }

    /** Staff called it UNREADABLE_FILE, 'cannot create DIR', where import, report, receipts and mail say UNWRITABLE_OUTPUT and why. */
    @Test
    void a_data_directory_that_cannot_be_made_is_unwritable_output_as_for_the_other_commands() throws IOException {
        var dataDir = Files.writeString(dir.resolve("a-file"), "not a directory").resolve("data");
        config = Files.writeString(dir.resolve("elsewhere.yaml"), "database:\n  dataDir: " + dataDir + "\n");
        for (var command : List.of(List.of("staff", "list"), List.of("staff", "add", "amina", "--role", "APPROVER"))) {
            var run = run("a long passphrase\n", command.toArray(String[]::new));

            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as(command.toString()).startsWith("amanah " + String.join(" ", command.subList(0, 2))
                    + ": UNWRITABLE_OUTPUT database.dataDir: " + dataDir + " cannot be written (").contains("Not a directory");
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void list_on_an_empty_database_says_there_are_no_accounts_there() {
        var run = run("", "staff", "list");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("amanah staff list: no staff accounts in the database; add one with amanah staff add NAME --role ROLE\n");
    }

    @Test
    void list_names_the_accounts_of_staff_accounts_in_the_configuration_too() throws IOException {
        Files.writeString(config, "staff:\n  accounts:\n    - 'omar:VIEWER:" + StaffDirectory.hash("omar-password", 4) + "'\n",
                java.nio.file.StandardOpenOption.APPEND);

        var empty = run("", "staff", "list");
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(empty.err()).contains("no staff accounts in the database", "staff.accounts of the configuration also has 1: omar (viewer)");

        run("a long passphrase\n", "staff", "add", "amina", "--role", "APPROVER");
        var one = run("", "staff", "list");
        assertThat(one.out()).isEqualTo("amina\tapprover\n");
        assertThat(one.err()).isEqualTo("amanah staff list: staff.accounts of the configuration also has 1: omar (viewer)\n");
    }

    /** There was no command to revoke an account: a member who left kept their login. */
    @Test
    void disable_keeps_the_account_listed_as_disabled_and_it_no_longer_logs_in() {
        run("a long passphrase\n", "staff", "add", "amina", "--role", "APPROVER");
        run("another passphrase\n", "staff", "add", "bilal", "--role", "VIEWER");

        var disabled = run("", "staff", "disable", "amina");

        assertThat(disabled.code()).as(disabled.err()).isZero();
        assertThat(disabled.out()).isEqualTo("amanah staff disable: disabled amina; its sessions have ended\n");
        assertThat(run("", "staff", "list").out()).isEqualTo("amina\tapprover\tdisabled\nbilal\tviewer\n");
        try (var database = Database.open(DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db")))) {
            var accounts = new StaffAccounts(database, new Passwords(4), NOW);
            assertThat(accounts.authenticate("amina", "a long passphrase")).isEmpty();
            assertThat(accounts.authenticate("bilal", "another passphrase")).isPresent();
        }
    }

    @Test
    void disable_of_an_unknown_name_says_so_in_one_line_and_changes_nothing() throws IOException {
        run("a long passphrase\n", "staff", "add", "amina", "--role", "APPROVER");
        Files.writeString(config, "staff:\n  accounts:\n    - 'omar:VIEWER:" + StaffDirectory.hash("omar-password", 4) + "'\n",
                java.nio.file.StandardOpenOption.APPEND);

        var unknown = run("", "staff", "disable", "amna");
        var configured = run("", "staff", "disable", "omar");

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("amanah staff disable: INVALID_VALUE NAME: UNKNOWN_ACCOUNT There is no staff account named amna"
                + " in the database\n");
        assertThat(configured.code()).isEqualTo(2);
        assertThat(configured.err()).contains("UNKNOWN_ACCOUNT", "in staff.accounts of the configuration").hasLineCount(1);
        assertThat(run("", "staff", "list").out()).isEqualTo("amina\tapprover\n");
    }

    /** There was no command to reset a leaked password. */
    @Test
    void password_sets_a_new_password_read_from_standard_input() {
        run("a long passphrase\n", "staff", "add", "amina", "--role", "APPROVER");

        var set = run("a brand new passphrase\n", "staff", "password", "amina");

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("amanah staff password: set the password of amina; its sessions have ended\n");
        try (var database = Database.open(DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db")))) {
            var accounts = new StaffAccounts(database, new Passwords(4), NOW);
            assertThat(accounts.authenticate("amina", "a long passphrase")).isEmpty();
            assertThat(accounts.authenticate("amina", "a brand new passphrase")).isPresent();
        }
    }

    @Test
    void password_refuses_an_unknown_name_before_it_reads_a_password_and_a_missing_or_weak_one() {
        run("a long passphrase\n", "staff", "add", "amina", "--role", "APPROVER");
        var asked = new AtomicBoolean();
        var stdin = emptyInputNoting(asked);
        var commandLine = Amanah.commandLine(NOW, () -> false, () -> null, stdin);
        var err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        var code = commandLine.execute("staff", "password", "amna", "--config", config.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("amanah staff password: INVALID_VALUE NAME: UNKNOWN_ACCOUNT There is no staff account named amna"
                + " in the database\n");
        assertThat(asked).as("standard input read for the password").isFalse();

        var missing = run("", "staff", "password", "amina");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("amanah staff password: MISSING_INPUT password: no password given");
        var weak = run("short\n", "staff", "password", "amina");
        assertThat(weak.code()).isEqualTo(2);
        assertThat(weak.err()).startsWith("amanah staff password: INVALID_VALUE password: WEAK_PASSWORD");
        try (var database = Database.open(DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db")))) {
            assertThat(new StaffAccounts(database, new Passwords(4), NOW).authenticate("amina", "a long passphrase")).isPresent();
        }
    }

    /** An empty standard input that sets {@code asked} when read: whether a password was asked for. */
    private static InputStream emptyInputNoting(AtomicBoolean asked) {
        return new InputStream() {
            @Override
            public int read() {
                asked.set(true);
                return -1;
            }
        };
    }
}
