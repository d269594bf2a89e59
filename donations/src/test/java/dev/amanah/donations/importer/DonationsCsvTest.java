package dev.amanah.donations.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file checks that need no database: header, byte-order mark, quoted fields spanning lines. */
class DonationsCsvTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, Campaign> CAMPAIGNS = Map.of("zakat-2026", new Campaign("zakat-2026", "Zakat 2026",
            FundType.ZAKAT, Money.of("50000.00", "GBP"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
            CampaignState.ACTIVE, NOW.instant(), NOW.instant()));

    private static DonationsCsv.Checked check(String content) throws IOException {
        return DonationsCsv.check(new StringReader(content), CAMPAIGNS, new BigDecimal("100000"), NOW,
                Progress.NONE.start("test", 0));
    }

    @Test
    void a_byte_order_mark_is_not_part_of_the_first_column_name() throws IOException {
        var checked = check("\uFEFFreference,received_at,campaign_id,amount,currency,donor_id\r\nB-1,2026-11-03,zakat-2026,1.00,GBP,d\r\n");
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.good()).singleElement().satisfies(row -> assertThat(row.reference()).isEqualTo("B-1"));
    }

    /** The decoder fails only when it reaches the bad byte: the rows before it are not a file's good rows. */
    @Test
    void a_reader_that_meets_a_byte_not_in_its_encoding_refuses_the_whole_file_and_returns_no_rows() {
        var rows = new StringBuilder("reference,received_at,campaign_id,amount,currency,donor_id\r\n");
        for (int i = 1; i <= 400; i++) {
            rows.append("B-").append(i).append(",2026-11-03,zakat-2026,1.00,GBP,d\r\n");
        }
        var bytes = (rows + "B-caf\u00e9,2026-11-03,zakat-2026,1.00,GBP,d\r\n").getBytes(StandardCharsets.ISO_8859_1);
        var utf8 = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8.newDecoder());
        assertThatThrownBy(() -> DonationsCsv.check(utf8, CAMPAIGNS, new BigDecimal("100000"), NOW, Progress.NONE.start("test", 0)))
                .isInstanceOf(NotUtf8Exception.class).hasMessage("not UTF-8; save it as \"CSV UTF-8\" and import it again");
    }

    @Test
    void a_row_of_one_field_says_one_field() throws IOException {
        var checked = check("reference,received_at,campaign_id,amount,currency,donor_id\r\nB-1\r\n");
        assertThat(checked.problems()).extracting(RowProblem::toString)
                .containsExactly("line 2, column (row): has 1 field, the header has 6");
    }

    @Test
    void missing_and_unknown_columns_are_named_and_no_row_is_read() throws IOException {
        var checked = check("reference,when,campaign_id,amount,currency,donor_id\r\nB-1,2026-11-03,zakat-2026,1.00,GBP,d\r\n");
        assertThat(checked.problems()).extracting(RowProblem::toString).containsExactly(
                "line 1, column received_at: required column missing from the header",
                "line 1, column when: unknown column (expected reference, received_at, campaign_id, amount, currency, donor_id"
                        + " and optionally donor_name, donor_email, fund_type)");
        assertThat(checked.rows()).isZero();
    }

    @Test
    void a_file_without_a_header_row_is_refused_as_empty_not_as_lacking_every_column() {
        for (var content : new String[] {"", "\r\n\r\n", "\uFEFF"}) {
            assertThatThrownBy(() -> check(content)).as("%s", content.length())
                    .isInstanceOf(EmptyFileException.class).hasMessage("no header and no rows; its first line names the columns");
        }
    }

    @Test
    void an_amount_in_scientific_notation_is_a_row_problem_found_promptly() {
        // 1e100000000 is a valid BigDecimal whose scaling to pence would cost a minute and gigabytes
        var checked = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check(
                "reference,received_at,campaign_id,amount,currency,donor_id\r\nB-1,2026-11-03,zakat-2026,1e100000000,GBP,d\r\n"));
        assertThat(checked.good()).isEmpty();
        assertThat(checked.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.column()).isEqualTo("amount");
            assertThat(problem.reason()).startsWith("'1e100000000' is not a decimal number (write 1250.00");
        });
    }

    /** The problems are listed one a line: a value quoted in one cannot break it, or a value that does not exist could be passed off as a problem. */
    @Test
    void a_value_quoted_in_a_problem_shows_its_control_characters_escaped_and_keeps_it_on_one_line() throws IOException {
        var checked = check("reference,received_at,campaign_id,amount,currency,donor_id,fund_type\r\n"
                + "B-1,2026-11-03,\"zakat\n2026\",1.00,GBP,d,\r\n"
                + "B-2,2026-11-03,zakat-2026,1.00,GBP,d,\"ZAKAT\u001b[2K\"\r\n");
        assertThat(checked.good()).isEmpty();
        assertThat(checked.problems()).extracting(RowProblem::toString).containsExactly(
                "line 3, column campaign_id: no campaign 'zakat\\u000A2026'",
                "line 4, column fund_type: 'ZAKAT\\u001B[2K' is not a fund type (ZAKAT, ZAKAT_AL_FITR, SADAQAH, WAQF, GENERAL)");
    }

    /** A name must be one line (the API's rule), so the row is bad, but it is still one row, and the next one's line is right. */
    @Test
    void a_quoted_name_across_lines_is_one_row_reported_at_the_line_where_it_ends() throws IOException {
        var checked = check("reference,received_at,campaign_id,amount,currency,donor_id,donor_name\r\n"
                + "B-1,2026-11-03,zakat-2026,1.00,GBP,d,\"Khan,\r\nBilal\"\r\n"
                + "B-2,2026-11-03,zakat-2026,x,GBP,d,\r\n");
        assertThat(checked.good()).isEmpty();
        assertThat(checked.problems()).extracting(RowProblem::line, RowProblem::column)
                .containsExactly(tuple(3L, "donor_name"), tuple(4L, "amount"));
    }
}
