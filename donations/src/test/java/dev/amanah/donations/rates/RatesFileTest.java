package dev.amanah.donations.rates;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rates file's bad row is refused naming the file and the line, whatever is wrong with it. */
class RatesFileTest {
    @TempDir
    Path dir;

    /** treasurer.csv, the header, one good row and {@code rows}, in a directory of its own. */
    private Path file(String rows) throws IOException {
        var file = Files.createTempDirectory(dir, "rates").resolve("treasurer.csv");
        Files.writeString(file, "# the treasurer's rates\ndate,currency,per_eur\n2026-11-30,GBP,0.8329\n" + rows);
        return file;
    }

    @Test
    void a_rate_of_zero_or_below_is_refused_naming_its_line() throws IOException {
        var zero = file("2026-11-30,USD,0\n");
        var negative = file("2026-11-30,USD,-1.05\n");

        assertThatThrownBy(() -> RatesFile.of(zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rates file treasurer.csv line 4: the USD rate of 2026-11-30 must be above zero, was 0");
        assertThatThrownBy(() -> RatesFile.of(negative)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rates file treasurer.csv line 4: the USD rate of 2026-11-30 must be above zero, was -1.05");
    }

    @Test
    void a_row_with_more_or_fewer_values_than_the_header_is_refused_not_read_in_part() throws IOException {
        // A decimal comma, unquoted: the rate was read as 1, the ",05" dropped as a fourth value.
        var decimalComma = file("2026-11-30,USD,1,05\n");
        var short_ = file("2026-11-30,USD\n");

        assertThatThrownBy(() -> RatesFile.of(decimalComma)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rates file treasurer.csv line 4: 4 values where the header has 3 (date, currency, per_eur);"
                        + " a rate is written with a decimal point, 1.05");
        assertThatThrownBy(() -> RatesFile.of(short_)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rates file treasurer.csv line 4: 2 values where the header has 3 (date, currency, per_eur)");
    }

    @Test
    void a_bad_date_currency_or_number_or_a_second_rate_is_refused_naming_its_line() throws IOException {
        var unknown = file("2026-11-30,XYZ,1.05\n");
        var date = file("2026-11-31,USD,1.05\n");
        var number = file("2026-11-30,USD,1.05.1\n");
        var twice = file("2026-11-30,GBP,0.8330\n");

        assertThatThrownBy(() -> RatesFile.of(unknown)).hasMessageStartingWith("rates file treasurer.csv line 4: ")
                .hasMessageContaining("XYZ");
        assertThatThrownBy(() -> RatesFile.of(date)).hasMessageStartingWith("rates file treasurer.csv line 4: ");
        assertThatThrownBy(() -> RatesFile.of(number)).hasMessageStartingWith("rates file treasurer.csv line 4: ");
        assertThatThrownBy(() -> RatesFile.of(twice))
                .hasMessage("rates file treasurer.csv line 4: a second GBP rate for 2026-11-30");
    }
}
