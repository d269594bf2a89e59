package dev.amanah.donations.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.fraud.Decision;
import dev.amanah.donations.fraud.FraudConfig;
import dev.amanah.donations.fraud.FraudDetector;
import dev.amanah.donations.fraud.FraudReason;
import dev.amanah.donations.fraud.FraudRule;
import dev.amanah.donations.fraud.FraudVerdict;
import dev.amanah.donations.payment.ManualClock;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attempt the pipeline gives the fraud check, from a donation request as the client sent it. */
class FraudAttemptTest {

    /**
     * A donor who writes their address in another letter case on every attempt is still one donor
     * to the per-e-mail counters, so the limits cannot be dodged that way; and one donor is counted
     * once: the donor's reference was a digest of the same address, so each attempt was counted
     * again against DONOR_* limits, one person reaching two rules with every attempt.
     */
    @Test
    void anEmailInAnyLetterCaseIsOneDonorToTheFraudCounters() {
        var detector = new FraudDetector(FraudConfig.DEFAULTS, ManualClock.atNewYear());
        var spellings = List.of("Aisha@Example.org", "aisha@example.org", "AISHA@EXAMPLE.ORG", "aIsHa@eXaMpLe.OrG", "aisha@EXAMPLE.org");

        FraudVerdict last = null;
        for (int i = 0; i < spellings.size(); i++) {
            var request = new DonationRequest("key-" + i, "ramadan", Money.of("30.00", "GBP"), FundType.SADAQAH, "Aisha",
                    spellings.get(i), "tok_card_" + i, "198.51.100." + i);
            last = detector.check(Validations.attempt(request, request.tokenDigest()));
        }

        assertThat(last.reasons()).containsExactly(new FraudReason(FraudRule.EMAIL_DISTINCT_CARDS, 5, 5, Decision.DENY));
    }
}
