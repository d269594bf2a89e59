package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.amanah.donations.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah serve}'s refusals: a configuration it cannot start with is one line naming the key,
 * exit code 2; a start the machine refuses (database down, port taken) is one line naming what,
 * exit code 1; nothing is left started.
 */
class ServeCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A data directory that cannot be made was a stack trace of UncheckedIOException and exit code 1. */
    @Test
    void a_data_directory_that_cannot_be_made_is_refused_in_one_line_naming_the_key() throws IOException {
        var file = Files.writeString(dir.resolve("a-file"), "not a directory");
        var dataDir = file.resolve("data");
        var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dataDir + "\nhttp:\n  port: 0\n");
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW);
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("serve", "--config", config.toString());

        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).startsWith("amanah serve: UNWRITABLE_OUTPUT database.dataDir: " + dataDir + " cannot be written (")
                .doesNotContain("\tat ", "Exception");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    /**
     * A data directory that exists but cannot be written in (a permission, a read-only mount) was
     * refused as {@code DATABASE_UNAVAILABLE: cannot lock …/amanah.db.migration-lock}, exit code 1,
     * without saying why, as if the database were down. {@code /sys} stands for it: a directory
     * in which even root, which these tests may run as, cannot make a file.
     */
    @Test
    void a_data_directory_that_cannot_be_written_is_refused_in_one_line_naming_the_key() throws IOException {
        var dataDir = Path.of("/sys");
        assumeTrue(Files.isDirectory(dataDir), "a Linux /sys");
        var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dataDir + "\nhttp:\n  port: 0\n");

        var run = serve(config);

        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah serve: UNWRITABLE_OUTPUT database.dataDir: /sys cannot be written (permission denied")
                .doesNotContain("\tat ", "Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    /** A database that cannot be reached was Flyway's stack trace, forty lines for one fact. */
    @Test
    void a_database_that_cannot_be_reached_is_refused_in_one_line_with_exit_code_1() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data")
                + "\n  url: \"jdbc:postgresql://127.0.0.1:" + closedPort + "/amanah\"\nhttp:\n  port: 0\n");

        var run = serve(config);

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("amanah serve: cannot start: DATABASE_UNAVAILABLE: ").contains("127.0.0.1:" + closedPort)
                .doesNotContain("\tat ", "Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    /**
     * PostgreSQL's driver takes the password as a URL parameter too; the refusal printed the URL
     * whole, so the password went to the terminal and the service's log.
     */
    @Test
    void a_password_in_the_database_url_is_not_printed_when_the_database_cannot_be_reached() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data")
                + "\n  url: \"jdbc:postgresql://127.0.0.1:" + closedPort + "/amanah?user=amanah&password=s3cret\"\nhttp:\n  port: 0\n");

        var run = serve(config);

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("amanah serve: cannot start: DATABASE_UNAVAILABLE: ")
                .contains("jdbc:postgresql://127.0.0.1:" + closedPort + "/amanah").doesNotContain("s3cret");
    }

    /** A port another program listens on was a stack trace of IllegalStateException. */
    @Test
    void a_port_another_program_listens_on_is_refused_in_one_line_with_exit_code_1() throws IOException {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data")
                    + "\nhttp:\n  host: 127.0.0.1\n  port: " + taken.getLocalPort() + "\n");

            var run = serve(config);

            assertThat(run.code()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("amanah serve: cannot start: http_not_listening: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("\tat ", "Exception");
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }

    /** demo took --port and serve refused it as an unknown option, with no hint where a port is set. */
    @Test
    void the_port_flag_overrides_the_configured_port() throws IOException {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data")
                    + "\nhttp:\n  host: 127.0.0.1\n  port: 0\n");

            var run = serve(config, "--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.code()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("amanah serve: cannot start: http_not_listening: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void a_port_out_of_range_is_refused_naming_the_flag_before_anything_starts() throws IOException {
        var config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data") + "\n");

        var run = serve(config, "--port", "65536");

        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("amanah serve: INVALID_VALUE --port: must be 0 to 65535 (0: any free port), got 65536");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    private record Run(int code, String err) {
    }

    private static Run serve(Path config, String... more) {
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW);
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        var args = new ArrayList<>(List.of("serve", "--config", config.toString()));
        args.addAll(List.of(more));
        int code = commandLine.execute(args.toArray(String[]::new));
        return new Run(code, err.toString());
    }

    /** The line printed once serving said which database, not which rates fraud.smallAmount was converted at. */
    @Test
    void the_serving_line_names_the_rates_file_small_amounts_were_converted_at() throws IOException {
        var rates = Files.writeString(dir.resolve("treasurer.csv"), "date,currency,per_eur\n2026-11-30,GBP,0.80\n2026-11-30,USD,1.00\n");
        var configured = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_FRAUD_RATES_FILE", rates.toString()));
        var bundled = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(ServeCommand.serving(configured, 8080)).startsWith("amanah: serving on http://").endsWith(", rates_file " + rates + ")");
        assertThat(ServeCommand.serving(bundled, 8080)).endsWith(", rates_file bundled)");
    }

    /**
     * The default {@code ./data} was printed as {@code jdbc:sqlite:./data/amanah.db}: relative to a
     * working directory the line did not name, which under systemd without one is {@code /}.
     */
    @Test
    void the_serving_line_names_the_database_by_its_absolute_path() {
        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_RECEIPTS_OUTPUT_DIR", "./data/../statements"));
        var workingDirectory = Path.of("").toAbsolutePath();

        assertThat(ServeCommand.serving(config, 8080))
                .contains("(database jdbc:sqlite:" + workingDirectory.resolve("data").resolve("amanah.db") + ",");
        assertThat(config.database().dataDir()).isEqualTo(workingDirectory.resolve("data"));
        assertThat(config.receipts().outputDir()).isEqualTo(workingDirectory.resolve("statements"));
    }

    /** The start line printed the URL whole, a password given as its parameter with it. */
    @Test
    void the_serving_line_names_the_database_without_the_urls_parameters() {
        var config = ConfigLoader.load(Optional.empty(),
                Map.of("AMANAH_DATABASE_URL", "jdbc:postgresql://db.example.org:5432/amanah?user=amanah&password=s3cret"));

        assertThat(ServeCommand.serving(config, 8080)).contains("(database jdbc:postgresql://db.example.org:5432/amanah,")
                .doesNotContain("s3cret");
    }

    /** A relative {@code jdbc:sqlite:} URL was printed as written, naming no directory. */
    @Test
    void the_serving_line_names_a_configured_sqlite_file_by_its_absolute_path() {
        var config = ConfigLoader.load(Optional.empty(), Map.of("AMANAH_DATABASE_URL", "jdbc:sqlite:db/../amanah.db"));

        assertThat(ServeCommand.serving(config, 8080))
                .contains("(database jdbc:sqlite:" + Path.of("").toAbsolutePath().resolve("amanah.db") + ",");
    }
}
