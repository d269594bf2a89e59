package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah serve}'s log, in a JVM of its own (java.util.logging's format is read once per
 * JVM): one line per record, starting with its time in ISO 8601 with the offset, then the level
 * and the logger, so that {@code grep event=} keeps each line's time. java.util.logging's default
 * puts the time, in the host's 12-hour clock without a zone, on a line of its own.
 */
class OneLineLogRecordsTest {
    private static final Pattern ONE_LINE_RECORD = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4} INFO dev\\.amanah\\.donations\\.service event=recovery_done .*");

    @TempDir
    Path dir;

    @Test
    void eachRecordIsOneLineStartingWithItsIsoTimeItsLevelAndItsLogger() throws Exception {
        var log = dir.resolve("service.log");
        var environment = Map.of(
                "AMANAH_DATABASE_DATA_DIR", dir.resolve("data").toString(),
                "AMANAH_HTTP_HOST", "127.0.0.1",
                "AMANAH_HTTP_PORT", "0");
        try (var service = ServiceProcess.start(log, environment, Duration.ofSeconds(90))) {
            service.stop();
        }

        var lines = Files.readAllLines(log);
        assertThat(lines).as("the service's log").anyMatch(line -> ONE_LINE_RECORD.matcher(line).matches());
        assertThat(lines).as("no time on a line of its own, as the two-line default writes it (Dec 07, 2026 2:41:07 AM ...)")
                .noneMatch(line -> line.matches("[A-Z][a-z]{2} \\d{2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M .*"));
    }
}
