package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amanah report}'s refusals of bad input: one line naming the flag, exit code 2, nothing written. */
class ReportCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Path config;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void database() throws IOException {
        config = Files.writeString(dir.resolve("amanah.yaml"), "database:\n  dataDir: " + dir.resolve("data") + "\n");
        try (var store = Store.open(DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db")))) {
            store.campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("50000.00", "GBP"),
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        }
    }

    private Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void a_rates_file_that_does_not_exist_is_bad_input_named_by_its_flag() {
        var missing = dir.resolve("no-such-rates.csv");
        var run = run("report", "--month", "2026-11", "--rates-file", missing.toString(), "--out", dir.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah report: UNREADABLE_FILE --rates-file: ").contains(missing.toString())
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void a_rates_file_with_a_bad_row_is_bad_input_naming_the_line() throws IOException {
        var bad = Files.writeString(dir.resolve("rates.csv"), "date,currency,per_eur\n2026-11-30,USD,abc\n");
        var run = run("report", "--month", "2026-11", "--rates-file", bad.toString(), "--out", dir.resolve("r").toString());
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("amanah report: INVALID_VALUE --rates-file: ").contains("line 2")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void an_out_directory_that_cannot_be_written_is_bad_input_named_by_its_flag() throws IOException {
        var file = Files.writeString(dir.resolve("a-file"), "not a directory");
        for (var format : List.of("pdf", "csv")) {
            var run = run("report", "--month", "2026-11", "--format", format, "--out", file.resolve("r").toString());
            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as(format).startsWith("amanah report: UNWRITABLE_OUTPUT --out: " + file.resolve("r"))
                    .contains("Not a directory").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(run.err().strip().lines()).as(format).hasSize(1);
        }
    }
}
