package dev.amanah.donations.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.finance.money.Money;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A journal line: each field in {@link URLEncoder}'s form, and read back as it was written. */
class SandboxJournalLineTest {

    @Test
    void fieldsAreUrlEncodedOnlyWhereNeededAndReadBack() {
        var charge = new ChargeRequest("key:1.a-b_c", Money.of("25.00", "GBP"), "tok+/%*~", "donor_1");
        var entry = new SandboxJournal.Entry(7, charge.idempotencyKey(), charge,
                new Declined(DeclineReason.CARD_DECLINED, "declined: 50% of limit"));

        var line = SandboxJournal.line(entry);

        var expected = List.of("7", "key:1.a-b_c", "C", "25.00", "GBP", "tok+/%*~", "donor_1", "NO", "CARD_DECLINED",
                        "declined: 50% of limit").stream()
                .map(field -> URLEncoder.encode(field, StandardCharsets.UTF_8)).collect(Collectors.joining(" "));
        assertThat(line.substring(line.indexOf(' ') + 1)).isEqualTo(expected);
        assertThat(SandboxJournal.parse(line)).isEqualTo(entry);
    }
}
