package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQLite's text instants and dates read by hand read what the general parsers read, and refuse what they refuse. */
class SqlTextTest {
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void a_stored_instant_reads_back_to_the_microsecond() {
        var instants = List.of(Instant.parse("2026-12-04T18:48:20.123456Z"), Instant.parse("2024-02-29T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2099-12-31T00:00:00.000001Z"),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        for (var instant : instants) {
            var text = STORED.format(instant);
            assertThat(Sql.sqliteInstant(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void other_forms_go_to_the_general_parser_and_impossible_values_are_refused() {
        assertThat(Sql.sqliteInstant("2026-12-04T18:48:20Z")).isEqualTo(Instant.parse("2026-12-04T18:48:20Z"));
        assertThatThrownBy(() -> Sql.sqliteInstant("2026-02-30T10:00:00.000000Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Sql.sqliteInstant("2026-12-04T24:00:00.000000Z")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Sql.sqliteInstant("2026-12-04T1x:00:00.000000Z")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void a_stored_date_reads_back_and_an_impossible_one_is_refused() {
        assertThat(Sql.sqliteDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Sql.sqliteDate("2099-12-31")).isEqualTo(LocalDate.parse("2099-12-31"));
        assertThatThrownBy(() -> Sql.sqliteDate("2026-02-29")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Sql.sqliteDate("2026-1-05")).isInstanceOf(DateTimeParseException.class);
    }
}
