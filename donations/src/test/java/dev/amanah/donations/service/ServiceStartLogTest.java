package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start log says which rates {@code fraud.smallAmount} was converted at: the thresholds it
 * logged could not be checked against a rates file without knowing which one it was.
 */
@InProcess.Tests
class ServiceStartLogTest {
    @TempDir
    Path dir;

    @Test
    void the_small_amounts_line_names_the_configured_rates_file() throws IOException {
        var rates = Files.writeString(dir.resolve("treasurer.csv"),
                "date,currency,per_eur\n2026-11-30,GBP,0.80\n2026-11-30,USD,1.00\n");
        try (var log = CapturedLog.capture("dev.amanah.donations.service")) {
            var service = AmanahService.start(TestServices.config(dir, Map.of("AMANAH_FRAUD_RATES_FILE", rates.toString())),
                    Clock.systemUTC());
            service.stop();

            assertThat(log.lines()).anyMatch(line -> line.contains("event=fraud_small_amounts EUR=6.25 GBP=5.00 USD=6.25 rates_file=" + rates));
        }
    }

    @Test
    void the_small_amounts_line_says_the_bundled_rates_were_used_when_none_are_configured() {
        try (var log = CapturedLog.capture("dev.amanah.donations.service")) {
            var service = AmanahService.start(TestServices.config(dir, Map.of()), Clock.systemUTC());
            service.stop();

            assertThat(log.lines()).anyMatch(line -> line.contains("event=fraud_small_amounts EUR=6.02 GBP=5.00 USD=6.32 rates_file=bundled"));
        }
    }
}
