package dev.amanah.donations.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.payment.ManualClock;
import dev.amanah.finance.money.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FraudDetectorTest {
    private final ManualClock clock = ManualClock.atNewYear();
    private final FraudDetector detector = new FraudDetector(FraudConfig.DEFAULTS, clock);

    private static Attempt attempt(String card, String ip, String email, String amount) {
        return new Attempt(card, ip, email, Money.of(amount, "USD"));
    }

    private static List<FraudRule> rules(FraudVerdict verdict) {
        return verdict.reasons().stream().map(FraudReason::rule).toList();
    }

    @Test
    void normalTrafficIsAllowed() {
        // 500 donors over an afternoon, each with their own card, address and e-mail; a few give twice.
        for (int i = 0; i < 500; i++) {
            var donor = attempt("card-" + i, "10.0." + (i / 250) + "." + (i % 250), "donor" + i + "@example.org",
                    (10 + i % 90) + ".00");
            assertThat(detector.check(donor).decision()).isEqualTo(Decision.ALLOW);
            if (i % 10 == 0) {
                assertThat(detector.check(donor).decision()).isEqualTo(Decision.ALLOW);
            }
            clock.advance(Duration.ofSeconds(20));
        }
    }

    @Test
    void aHouseholdSharingAnAddressIsAllowed() {
        for (int member = 0; member < 3; member++) {
            var verdict = detector.check(attempt("card-" + member, "192.0.2.7", "m" + member + "@example.org",
                    "50.00"));
            assertThat(verdict).isEqualTo(FraudVerdict.ALLOW);
        }
    }

    @Test
    void cardTestingFromOneAddressIsReviewedThenDenied() {
        var verdicts = new ArrayList<FraudVerdict>();
        for (int card = 0; card < 12; card++) {
            verdicts.add(detector.check(attempt("stolen-" + card, "203.0.113.9", null, "1.00")));
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(verdicts.subList(0, 3)).allSatisfy(v -> assertThat(v.decision()).isEqualTo(Decision.ALLOW));
        assertThat(verdicts.get(3).decision()).isEqualTo(Decision.REVIEW);
        assertThat(rules(verdicts.get(3))).containsExactly(FraudRule.IP_DISTINCT_CARDS);
        assertThat(verdicts.get(4).decision()).isEqualTo(Decision.REVIEW);
        assertThat(rules(verdicts.get(4))).containsExactly(FraudRule.IP_SMALL_ATTEMPTS, FraudRule.IP_DISTINCT_CARDS);
        assertThat(verdicts.get(5).decision()).isEqualTo(Decision.DENY);
        assertThat(verdicts.get(5).reasons()).contains(new FraudReason(FraudRule.IP_DISTINCT_CARDS, 6, 6, Decision.DENY));
        assertThat(verdicts.subList(5, 12)).allSatisfy(v -> assertThat(v.decision()).isEqualTo(Decision.DENY));
        assertThat(verdicts.get(11).reasons()).contains(new FraudReason(FraudRule.IP_SMALL_ATTEMPTS, 10, 10, Decision.DENY));
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        // One host takes a fresh address of its /64 for every stolen card.
        FraudVerdict last = null;
        for (int card = 0; card < 6; card++) {
            last = detector.check(attempt("stolen-" + card, "2001:db8:7:9:" + Integer.toHexString(card + 1) + "::42", null, "40.00"));
        }

        assertThat(last.reasons()).containsExactly(new FraudReason(FraudRule.IP_DISTINCT_CARDS, 6, 6, Decision.DENY));
    }

    @Test
    void cardTestingSpreadOverTheSlash64sOfOneSlash48IsReviewedThenDenied() {
        // A site's /48 holds 65,536 /64s: one stolen card from each, every /64 counter at one.
        var verdicts = new ArrayList<FraudVerdict>();
        for (int card = 0; card < 18; card++) {
            verdicts.add(detector.check(attempt("stolen-" + card, "2001:db8:7:" + Integer.toHexString(card + 1) + "::42",
                    null, "40.00")));
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(verdicts.subList(0, 11)).allSatisfy(v -> assertThat(v).isEqualTo(FraudVerdict.ALLOW));
        assertThat(verdicts.get(11).reasons()).containsExactly(new FraudReason(FraudRule.IP48_DISTINCT_CARDS, 12, 12, Decision.REVIEW));
        assertThat(verdicts.get(17).reasons()).containsExactly(new FraudReason(FraudRule.IP48_DISTINCT_CARDS, 18, 18, Decision.DENY));
    }

    @Test
    void smallAttemptsAndDeclinesSpreadOverTheSlash64sOfOneSlash48AreCountedByIt() {
        for (int i = 0; i < 18; i++) {
            detector.recordDecline(attempt(null, "2001:db8:7:" + Integer.toHexString(i + 1) + "::42", null, "1.00"));
        }
        FraudVerdict last = null;
        for (int i = 0; i < 30; i++) {
            last = detector.check(attempt(null, "2001:db8:7:" + Integer.toHexString(100 + i) + "::42", null, "1.00"));
        }

        assertThat(last.reasons()).containsExactly(
                new FraudReason(FraudRule.IP48_SMALL_ATTEMPTS, 30, 30, Decision.DENY),
                new FraudReason(FraudRule.IP48_DECLINES, 18, 18, Decision.DENY));
    }

    @Test
    void theSameBurstFromTheSlash48sOfDifferentSitesIsAllowed() {
        for (int card = 0; card < 18; card++) {
            var site = "2001:db8:" + Integer.toHexString(card + 1) + ":1::42";
            assertThat(detector.check(attempt("stolen-" + card, site, null, "1.00"))).isEqualTo(FraudVerdict.ALLOW);
        }
    }

    @Test
    void ipv4AndIpv4MappedClientsHaveNoSlash48Counters() {
        // 2001:db8:7::/48 would be flagged by now; IPv4 addresses are counted one by one, as before.
        for (int card = 0; card < 18; card++) {
            var ip = card % 2 == 0 ? "203.0.113." + card : "::ffff:203.0.113." + card;
            assertThat(detector.check(attempt("stolen-" + card, ip, null, "1.00"))).isEqualTo(FraudVerdict.ALLOW);
        }

        assertThat(detector.trackedKeys()).isEqualTo(18 + 18); // the cards and the addresses, nothing per /48
    }

    @Test
    void anIpv4MappedClientCountsAsItsIpv4AddressAndDeclinesFollowIt() {
        var spellings = List.of("203.0.113.9", "::ffff:203.0.113.9", "0:0:0:0:0:ffff:cb00:7109");
        for (int i = 0; i < 6; i++) {
            detector.recordDecline(attempt(null, spellings.get(i % 3), null, "40.00"));
        }

        assertThat(detector.check(attempt("card-z", "::FFFF:203.0.113.9", null, "40.00")).reasons())
                .containsExactly(new FraudReason(FraudRule.IP_DECLINES, 6, 6, Decision.DENY));
    }

    @Test
    void manyAttemptsWithOneCardAreDenied() {
        FraudVerdict last = null;
        for (int i = 0; i < 10; i++) {
            // A different address each time: the card alone gives it away.
            last = detector.check(attempt("card-x", "198.51.100." + i, null, "25.00"));
        }

        assertThat(last.decision()).isEqualTo(Decision.DENY);
        assertThat(last.reasons()).containsExactly(new FraudReason(FraudRule.CARD_ATTEMPTS, 10, 10, Decision.DENY));
    }

    @Test
    void declinesWeighOnTheNextAttempts() {
        var tries = attempt("card-d", "198.51.100.1", "a@example.org", "20.00");
        detector.check(tries);
        detector.recordDecline(tries);
        assertThat(detector.check(tries).decision()).isEqualTo(Decision.ALLOW);
        detector.recordDecline(tries);

        var afterTwo = detector.check(tries);
        detector.recordDecline(tries);
        detector.recordDecline(tries);
        var afterFour = detector.check(tries);

        assertThat(afterTwo.reasons()).containsExactly(new FraudReason(FraudRule.CARD_DECLINES, 2, 2, Decision.REVIEW));
        assertThat(afterFour.decision()).isEqualTo(Decision.DENY);
        assertThat(rules(afterFour)).containsExactly(FraudRule.CARD_DECLINES, FraudRule.IP_DECLINES);
    }

    @Test
    void oneEmailWithManyCardsIsCaughtWhateverItsCase() {
        FraudVerdict last = null;
        for (int card = 0; card < 5; card++) {
            last = detector.check(attempt("card-" + card, "198.51.100." + card,
                    card % 2 == 0 ? "Tester@Example.org" : "tester@example.org ", "30.00"));
        }

        assertThat(last.reasons()).containsExactly(new FraudReason(FraudRule.EMAIL_DISTINCT_CARDS, 5, 5, Decision.DENY));
    }

    @Test
    void countersForgetWhatLeftTheirWindow() {
        for (int card = 0; card < 6; card++) {
            detector.check(attempt("stolen-" + card, "203.0.113.9", null, "40.00"));
        }
        assertThat(detector.check(attempt("stolen-6", "203.0.113.9", null, "40.00")).decision())
                .isEqualTo(Decision.DENY);

        clock.advance(Duration.ofHours(1));

        assertThat(detector.check(attempt("card-new", "203.0.113.9", null, "40.00"))).isEqualTo(FraudVerdict.ALLOW);
    }

    @Test
    void memoryIsBoundedByTheTrackedKeysAndTheWindows() {
        var small = new FraudDetector(FraudConfig.DEFAULTS.withMaxTrackedKeys(100), clock);
        for (int i = 0; i < 5_000; i++) {
            small.check(attempt("card-" + i, "ip-" + i, "e" + i + "@example.org", "10.00"));
        }

        assertThat(small.trackedKeys()).as("100 cards, addresses and e-mails").isEqualTo(300);
        clock.advance(Duration.ofDays(1));
        assertThat(small.trackedKeys()).isZero();
    }

    @Test
    void aFloodOfFreshIdentifiersDoesNotForgetACardThatReachedAThreshold() {
        var small = new FraudDetector(FraudConfig.DEFAULTS.withMaxTrackedKeys(100), clock);
        var stolen = attempt("card-stolen", "203.0.113.9", null, "20.00");
        small.check(stolen);
        for (int i = 0; i < 4; i++) {
            small.recordDecline(stolen);
        }
        // Made-up payment tokens cost nothing: each is a fresh card to the counters.
        for (int i = 0; i < 500; i++) {
            small.check(attempt("junk-" + i, "198.51.100." + (i % 200), null, "20.00"));
        }

        assertThat(small.check(stolen).reasons()).contains(new FraudReason(FraudRule.CARD_DECLINES, 4, 4, Decision.DENY));
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(200); // still at most 100 of each kind
    }

    @Test
    void whenEveryIdentifierReachedAThresholdTheLeastRecentlySeenIsForgottenForANewOne() {
        var tiny = new FraudDetector(FraudConfig.DEFAULTS.withMaxTrackedKeys(2), clock);
        for (var card : List.of("card-a", "card-b")) {
            for (int i = 0; i < 4; i++) {
                tiny.recordDecline(attempt(card, null, null, "20.00"));
            }
        }

        assertThat(tiny.check(attempt("card-c", null, null, "20.00"))).isEqualTo(FraudVerdict.ALLOW);
        assertThat(tiny.check(attempt("card-c", null, null, "20.00"))).isEqualTo(FraudVerdict.ALLOW);
        assertThat(tiny.check(attempt("card-b", null, null, "20.00")).decision()).isEqualTo(Decision.DENY);
        assertThat(tiny.check(attempt("card-a", null, null, "20.00"))).isEqualTo(FraudVerdict.ALLOW); // forgotten
    }

    @Test
    void unknownIdentifiersAreSkipped() {
        for (int i = 0; i < 100; i++) {
            assertThat(detector.check(new Attempt(null, null, null, Money.of("1.00", "USD"))))
                    .isEqualTo(FraudVerdict.ALLOW);
        }
        assertThat(detector.trackedKeys()).isZero();
    }

    @Test
    void aConfigWithoutEveryRuleOrWithInvertedThresholdsIsRefused() {
        assertThatThrownBy(() -> new FraudConfig.Limit(Duration.ofMinutes(1), 5, 4))
                .hasMessageStartingWith("invalid_fraud_config");
        assertThatThrownBy(() -> new FraudConfig(java.util.Map.of(), FraudConfig.DEFAULTS.smallAmounts(), 10))
                .hasMessageStartingWith("invalid_fraud_config");
    }
}
