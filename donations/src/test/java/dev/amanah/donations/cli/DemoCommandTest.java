package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah demo}'s refusals of bad options: one line naming the flag, exit code 2, nothing
 * started. (A port out of range was refused as {@code http.port (from AMANAH_HTTP_PORT)}, a
 * variable the user never set: the demo passes its flags to the configuration as variables.)
 */
class DemoCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Run(int code, String err) {
    }

    private Run run(String... args) {
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW);
        commandLine.setOut(new PrintWriter(new StringWriter()));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args), err.toString());
    }

    @Test
    void a_rate_donor_count_or_port_out_of_range_is_refused_before_anything_starts() throws IOException {
        // The options are checked first, before even the data directory (kept non-empty here, so
        // that nothing could start if they were not).
        var used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("amanah.db"), "");
        for (var bad : List.of(List.of("--rate", "NaN"), List.of("--rate", "-1"), List.of("--rate", "501"),
                List.of("--rate", "Infinity"), List.of("--donors", "0"), List.of("--donors", "65"),
                List.of("--port", "70000"), List.of("--port", "-1"))) {
            var run = run("demo", bad.get(0), bad.get(1), "--data-dir", used.toString());
            assertThat(run.code()).as(bad + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(bad.toString()).startsWith("amanah demo: INVALID_VALUE " + bad.get(0) + ": must be ")
                    .contains(bad.get(1)).doesNotContain("\tat ");
            assertThat(run.err().strip().lines()).as(bad.toString()).hasSize(1);
        }
    }

    /** A data directory that cannot be made was a stack trace of UncheckedIOException and exit code 1. */
    @Test
    void a_data_directory_that_cannot_be_made_is_refused_in_one_line_naming_the_flag() throws IOException {
        var file = Files.writeString(dir.resolve("a-file"), "not a directory");
        var run = run("demo", "--port", "0", "--data-dir", file.resolve("demo").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah demo: UNWRITABLE_OUTPUT --data-dir: " + file.resolve("demo") + " cannot be written (")
                .doesNotContain("\tat ", "Exception");
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
