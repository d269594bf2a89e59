package dev.amanah.donations.payment;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.CapturedLog;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@InProcess.Tests
class SandboxGatewayTest {
    private static final Money TEN = Money.of("10.00", "USD");

    @TempDir
    Path dir;

    private final List<SandboxGateway> opened = new ArrayList<>();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void closeAll() {
        opened.forEach(SandboxGateway::close);
    }

    private SandboxGateway open(SandboxConfig config) {
        var gateway = SandboxGateway.open(dir.resolve("sandbox.journal"), config, sleeper);
        opened.add(gateway);
        return gateway;
    }

    private static ChargeRequest charge(String key, String token) {
        return new ChargeRequest(key, TEN, token, "donor-1");
    }

    @Test
    void everyTokenOfOneTestCardHasTheCardsFingerprintAndOtherCardsOthers() {
        var sandbox = open(SandboxConfig.RELIABLE);

        var card = sandbox.cardFingerprint("tok_visa");
        var tokensOfIt = List.of("tok_visa.1", "tok_visa.2", "tok_visa.9f2c.x").stream().map(sandbox::cardFingerprint).toList();
        var others = Set.of(sandbox.cardFingerprint("tok_visa_2"), sandbox.cardFingerprint("tok_mastercard.1"),
                sandbox.cardFingerprint(".1"), sandbox.cardFingerprint(".2"));

        assertThat(card).isInstanceOfSatisfying(CardFound.class, found -> assertThat(found.fingerprint())
                .startsWith("fp_").doesNotContain("visa"));
        assertThat(tokensOfIt).containsOnly(card);
        assertThat(others).hasSize(4).doesNotContain(card);
        assertThatThrownBy(() -> sandbox.cardFingerprint("tok visa")).hasMessageStartingWith("invalid_reference");
    }

    /** Whatever the decline rules: a provider names no card for a token it never issued, nor charges it. */
    @Test
    void aTokenTheSandboxDoesNotKnowNamesNoCardAndIsDeclined() {
        var sandbox = open(SandboxConfig.RELIABLE.withDeclineRules(List.of()));

        assertThat(List.of("tok_unknown", "tok_unknown.3", "tok_unknown_card").stream().map(sandbox::cardFingerprint))
                .containsOnly(new UnknownToken());
        assertThat(sandbox.charge(charge("don-1", "tok_unknown.3"))).isInstanceOfSatisfying(Declined.class,
                d -> assertThat(d.reason()).isEqualTo(DeclineReason.UNKNOWN_PAYMENT_METHOD));
        assertThat(sandbox.chargeCounts()).isEmpty();
    }

    @Test
    void aFreshTokenOfADeclinedTestCardIsDeclinedAsItsCardIs() {
        var sandbox = open(SandboxConfig.RELIABLE);

        assertThat(sandbox.charge(charge("don-1", "tok_declined.7"))).isInstanceOfSatisfying(Declined.class,
                d -> assertThat(d.reason()).isEqualTo(DeclineReason.CARD_DECLINED));
    }

    @Test
    void aRepeatedChargeReturnsTheFirstOutcomeAndChargesOnce() {
        var sandbox = open(SandboxConfig.RELIABLE);

        var first = sandbox.charge(charge("don-1", "tok_visa"));
        var again = sandbox.charge(charge("don-1", "tok_visa"));

        assertThat(first).isInstanceOf(Charged.class);
        assertThat(((Charged) first).amount()).isEqualTo(TEN);
        assertThat(again).isEqualTo(first);
        assertThat(sandbox.chargeCount("don-1")).isEqualTo(1);
        assertThat(sandbox.lookup("don-1")).isEqualTo(new Found("don-1", (Charged) first));
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndChargesNothingMore() {
        var sandbox = open(SandboxConfig.RELIABLE);
        sandbox.charge(charge("don-1", "tok_visa"));

        var other = sandbox.charge(new ChargeRequest("don-1", Money.of("99.00", "USD"), "tok_visa", "donor-1"));

        assertThat(other).isInstanceOfSatisfying(Declined.class,
                d -> assertThat(d.reason()).isEqualTo(DeclineReason.IDEMPOTENCY_KEY_MISMATCH));
        assertThat(sandbox.chargeCount("don-1")).isEqualTo(1);
    }

    @Test
    void declineRulesDeclineAndTheDeclineIsSettled() {
        var sandbox = open(SandboxConfig.RELIABLE.withDeclineRules(List.of(
                new DeclineRule.TokenMatches("tok_insufficient_funds.*", DeclineReason.INSUFFICIENT_FUNDS),
                new DeclineRule.AmountAbove(Money.of("1000.00", "USD"), DeclineReason.CARD_DECLINED))));

        var poor = sandbox.charge(charge("k1", "tok_insufficient_funds_1"));
        var big = sandbox.charge(new ChargeRequest("k2", Money.of("1000.01", "USD"), "tok_visa", "donor-1"));
        var limit = sandbox.charge(new ChargeRequest("k3", Money.of("1000.00", "USD"), "tok_visa", "donor-1"));

        assertThat(poor).isInstanceOfSatisfying(Declined.class,
                d -> assertThat(d.reason()).isEqualTo(DeclineReason.INSUFFICIENT_FUNDS));
        assertThat(big).isInstanceOfSatisfying(Declined.class,
                d -> assertThat(d.reason()).isEqualTo(DeclineReason.CARD_DECLINED));
        assertThat(limit).isInstanceOf(Charged.class);
        assertThat(sandbox.charge(charge("k1", "tok_insufficient_funds_1"))).isEqualTo(poor);
        assertThat(sandbox.lookup("k1")).isEqualTo(new Found("k1", (Declined) poor));
        assertThat(sandbox.chargeCounts()).containsExactly(Map.entry("k3", 1L));
    }

    @Test
    void settledOutcomesSurviveAReopenAndAreAnsweredAgain() {
        var path = dir.resolve("sandbox.journal");
        Charged charged;
        try (var sandbox = SandboxGateway.open(path, SandboxConfig.RELIABLE, sleeper)) {
            charged = (Charged) sandbox.charge(charge("don-1", "tok_visa"));
            sandbox.charge(charge("don-2", "tok_declined"));
        }

        var reopened = open(SandboxConfig.RELIABLE);

        assertThat(reopened.lookup("don-1")).isEqualTo(new Found("don-1", charged));
        assertThat(reopened.charge(charge("don-1", "tok_visa"))).isEqualTo(charged);
        var fresh = (Charged) reopened.charge(charge("don-3", "tok_visa"));
        assertThat(fresh.chargeId()).isNotEqualTo(charged.chargeId());
        assertThat(reopened.chargeCounts()).containsOnly(Map.entry("don-1", 1L), Map.entry("don-3", 1L));
        assertThat(SandboxGateway.readChargeCounts(path)).isEqualTo(reopened.chargeCounts());
    }

    @Test
    void aTornLastLineIsCutOffOnOpen() throws IOException {
        var path = dir.resolve("sandbox.journal");
        try (var sandbox = SandboxGateway.open(path, SandboxConfig.RELIABLE, sleeper)) {
            sandbox.charge(charge("don-1", "tok_visa"));
        }
        Files.writeString(path, "1a2b3c 2 don-2 C 10.00 US", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        var reopened = open(SandboxConfig.RELIABLE);
        reopened.charge(charge("don-2", "tok_visa"));

        assertThat(reopened.chargeCounts()).containsOnly(Map.entry("don-1", 1L), Map.entry("don-2", 1L));
        reopened.close();
        opened.remove(reopened);
        assertThat(SandboxGateway.readChargeCounts(path)).containsOnly(Map.entry("don-1", 1L), Map.entry("don-2", 1L));
    }

    @Test
    void aDamagedLineBeforeTheLastRefusesToOpen() throws IOException {
        var path = dir.resolve("sandbox.journal");
        try (var sandbox = SandboxGateway.open(path, SandboxConfig.RELIABLE, sleeper)) {
            sandbox.charge(charge("don-1", "tok_visa"));
            sandbox.charge(charge("don-2", "tok_visa"));
        }
        var lines = Files.readAllLines(path);
        Files.write(path, List.of(lines.get(0).replace("don-1", "don-9"), lines.get(1)));

        assertThatThrownBy(() -> open(SandboxConfig.RELIABLE))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("sandbox_journal_corrupt");
    }

    @Test
    void aJournalOpenElsewhereIsRefused() {
        open(SandboxConfig.RELIABLE);

        assertThatThrownBy(() -> open(SandboxConfig.RELIABLE))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("sandbox_journal_locked");
    }

    @Test
    void aFailedJournalWriteIsAServerErrorAndTheSandboxRefusesCallsUntilReopened() {
        var sandbox = SandboxGateway.open(dir.resolve("sandbox.journal"), SandboxConfig.RELIABLE, sleeper);
        sandbox.charge(charge("don-1", "tok_visa"));
        sandbox.close();   // the journal's channel is gone: the next append fails

        var failed = sandbox.charge(charge("don-2", "tok_visa"));
        var after = sandbox.charge(charge("don-1", "tok_visa"));

        assertThat(failed).isInstanceOfSatisfying(TransientFailure.class,
                f -> assertThat(f.cause()).isEqualTo(TransientCause.SERVER_ERROR));
        assertThat(after).isInstanceOfSatisfying(TransientFailure.class,
                f -> assertThat(f.cause()).isEqualTo(TransientCause.UNREACHABLE));
        assertThat(sandbox.lookup("don-1")).isInstanceOf(TransientFailure.class);
        assertThat(sandbox.cardFingerprint("tok_visa")).isInstanceOf(TransientFailure.class);
        var reopened = open(SandboxConfig.RELIABLE);
        assertThat(reopened.lookup("don-2")).isEqualTo(new NotFound("don-2"));
        assertThat(reopened.charge(charge("don-2", "tok_visa"))).isInstanceOf(Charged.class);
        assertThat(reopened.chargeCounts()).containsOnly(Map.entry("don-1", 1L), Map.entry("don-2", 1L));
    }

    /** The failed write is logged as the service's other lines are, {@code event=} and its values, where it was free text. */
    @Test
    void aFailedJournalWriteIsLoggedAsAnEventNamingTheKey() {
        var sandbox = SandboxGateway.open(dir.resolve("sandbox.journal"), SandboxConfig.RELIABLE, sleeper);
        sandbox.close();
        try (var log = CapturedLog.of(SandboxGateway.class.getName())) {
            sandbox.charge(charge("don-2", "tok_visa"));

            assertThat(log.messages()).containsExactly("event=sandbox_journal_failed key=don-2 refusing=until_reopened");
        }
    }

    @Test
    void aLostAnswerIsATimeoutButTheChargeHappenedOnce() {
        var sandbox = open(SandboxConfig.RELIABLE.withFailures(0, 0, 1000));

        var first = sandbox.charge(charge("don-1", "tok_visa"));
        var lookup = sandbox.lookup("don-1");
        var retry = sandbox.charge(charge("don-1", "tok_visa"));

        assertThat(first).isInstanceOfSatisfying(TransientFailure.class,
                f -> assertThat(f.cause()).isEqualTo(TransientCause.TIMEOUT));
        assertThat(lookup).isInstanceOf(Found.class);
        assertThat(retry).isEqualTo(((Found) lookup).outcome());
        assertThat(sandbox.chargeCount("don-1")).isEqualTo(1);
    }

    @Test
    void aTimeoutBeforeTheProviderActsSettlesNothing() {
        var config = SandboxConfig.RELIABLE.withLatency(Duration.ofMillis(5), Duration.ofMillis(40)).withFailures(1000, 0, 0);
        var sandbox = open(config);

        var outcome = sandbox.charge(charge("don-1", "tok_visa"));

        assertThat(outcome).isInstanceOfSatisfying(TransientFailure.class,
                f -> assertThat(f.cause()).isEqualTo(TransientCause.TIMEOUT));
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(40));
        assertThat(sandbox.lookup("don-1")).isEqualTo(new NotFound("don-1"));
        assertThat(sandbox.chargeCount("don-1")).isZero();
    }

    @Test
    void latencyIsDrawnWithinItsRange() {
        var sandbox = open(SandboxConfig.RELIABLE.withLatency(Duration.ofMillis(5), Duration.ofMillis(50)));

        for (int i = 0; i < 200; i++) {
            sandbox.charge(charge("k" + i, "tok_visa"));
        }

        assertThat(sleeper.waits).hasSize(200)
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(5), Duration.ofMillis(50)));
        assertThat(new HashSet<>(sleeper.waits)).hasSizeGreaterThan(100);
    }

    @Test
    void theSameSeedGivesTheSameOutcomesAndAnotherSeedOthers() throws IOException {
        var config = SandboxConfig.RELIABLE.withFailures(250, 250, 250).withSeed(42);
        var first = outcomeKinds(config, dir.resolve("a.journal"));
        var same = outcomeKinds(config, dir.resolve("b.journal"));
        var other = outcomeKinds(config.withSeed(43), dir.resolve("c.journal"));

        assertThat(same).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(new HashSet<>(first)).hasSize(3);   // charged, timeout, server error all occur
    }

    private List<String> outcomeKinds(SandboxConfig config, Path journal) {
        try (var sandbox = SandboxGateway.open(journal, config, sleeper)) {
            var kinds = new ArrayList<String>();
            for (int i = 0; i < 60; i++) {
                kinds.add(switch (sandbox.charge(charge("k" + i, "tok_visa"))) {
                    case Charged c -> "charged";
                    case TransientFailure f -> f.cause().name();
                    case Declined d -> d.reason().name();
                    case CircuitOpen o -> "open";
                });
            }
            return kinds;
        }
    }

    @Test
    void refundsNeverExceedTheCharge() {
        var sandbox = open(SandboxConfig.RELIABLE);
        var charged = (Charged) sandbox.charge(charge("don-1", "tok_visa"));

        var part1 = sandbox.refund(new RefundRequest("ref-1", charged.chargeId(), Money.of("4.00", "USD")));
        var part2 = sandbox.refund(new RefundRequest("ref-2", charged.chargeId(), Money.of("6.00", "USD")));
        var tooMuch = sandbox.refund(new RefundRequest("ref-3", charged.chargeId(), Money.of("0.01", "USD")));
        var repeat = sandbox.refund(new RefundRequest("ref-1", charged.chargeId(), Money.of("4.00", "USD")));
        var unknown = sandbox.refund(new RefundRequest("ref-4", "ch_nope", Money.of("1.00", "USD")));
        var currency = sandbox.refund(new RefundRequest("ref-5", charged.chargeId(), Money.of("1.00", "EUR")));

        assertThat(part1).isInstanceOf(Refunded.class);
        assertThat(part2).isInstanceOf(Refunded.class);
        assertThat(repeat).isEqualTo(part1);
        assertThat(reason(tooMuch)).isEqualTo(DeclineReason.REFUND_EXCEEDS_CHARGE);
        assertThat(reason(unknown)).isEqualTo(DeclineReason.UNKNOWN_CHARGE);
        assertThat(reason(currency)).isEqualTo(DeclineReason.CURRENCY_MISMATCH);
    }

    @Test
    void refundedAmountsSurviveAReopen() {
        var path = dir.resolve("sandbox.journal");
        Charged charged;
        try (var sandbox = SandboxGateway.open(path, SandboxConfig.RELIABLE, sleeper)) {
            charged = (Charged) sandbox.charge(charge("don-1", "tok_visa"));
            sandbox.refund(new RefundRequest("ref-1", charged.chargeId(), Money.of("8.00", "USD")));
        }
        var reopened = open(SandboxConfig.RELIABLE);

        var tooMuch = reopened.refund(new RefundRequest("ref-2", charged.chargeId(), Money.of("2.01", "USD")));
        var rest = reopened.refund(new RefundRequest("ref-3", charged.chargeId(), Money.of("2.00", "USD")));

        assertThat(reason(tooMuch)).isEqualTo(DeclineReason.REFUND_EXCEEDS_CHARGE);
        assertThat(rest).isInstanceOf(Refunded.class);
    }

    @Test
    void payoutsPayOnceAndRejectedRecipientsAreDeclined() {
        var sandbox = open(SandboxConfig.RELIABLE);

        var paid = sandbox.payout(new PayoutRequest("plan-1:r1", "acct_r1", TEN));
        var again = sandbox.payout(new PayoutRequest("plan-1:r1", "acct_r1", TEN));
        var rejected = sandbox.payout(new PayoutRequest("plan-1:r2", "acct_rejected_2", TEN));

        assertThat(paid).isInstanceOfSatisfying(PaidOut.class, p -> assertThat(p.recipientRef()).isEqualTo("acct_r1"));
        assertThat(again).isEqualTo(paid);
        assertThat(reason(rejected)).isEqualTo(DeclineReason.RECIPIENT_REJECTED);
    }

    @Test
    void malformedRequestsFailWithAnErrorCode() {
        assertThatThrownBy(() -> charge("has space", "tok_visa")).hasMessageStartingWith("invalid_idempotency_key");
        assertThatThrownBy(() -> charge("", "tok_visa")).hasMessageStartingWith("invalid_idempotency_key");
        assertThatThrownBy(() -> new ChargeRequest("k", Money.of("0.00", "USD"), "tok", "d"))
                .hasMessageStartingWith("invalid_amount");
        assertThatThrownBy(() -> new ChargeRequest("k", TEN, "tok visa", "d"))
                .hasMessageStartingWith("invalid_reference").hasMessageNotContaining("tok visa");
        assertThatThrownBy(() -> new PayoutRequest("k", "acct", Money.of("-1.00", "USD")))
                .hasMessageStartingWith("invalid_amount");
        assertThatThrownBy(() -> SandboxConfig.RELIABLE.withFailures(500, 500, 1))
                .hasMessageStartingWith("invalid_sandbox_config");
    }

    record Answer(String key, ChargeOutcome outcome) {
    }

    @Test
    void concurrentDuplicatesOfAKeyChargeItOnceAndAllGetTheSameCharge() {
        var sandbox = SandboxGateway.open(dir.resolve("sandbox.journal"),
                SandboxConfig.RELIABLE.withLatency(Duration.ZERO, Duration.ofMillis(2)));
        opened.add(sandbox);
        var test = Processes.self();
        int keys = 20;
        int duplicates = 10;
        for (int d = 0; d < duplicates; d++) {
            for (int k = 0; k < keys; k++) {
                var key = "don-" + k;
                Processes.spawn(() -> test.send(new Answer(key, sandbox.charge(charge(key, "tok_visa")))));
            }
        }

        var byKey = new HashMap<String, Set<ChargeOutcome>>();
        for (int i = 0; i < keys * duplicates; i++) {
            Answer answer = assertReceive(m -> m instanceof Answer a ? a : null);
            byKey.computeIfAbsent(answer.key(), k -> new HashSet<>()).add(answer.outcome());
        }

        assertThat(byKey).hasSize(keys).allSatisfy((key, outcomes) ->
                assertThat(outcomes).singleElement().isInstanceOf(Charged.class));
        assertThat(sandbox.chargeCounts()).hasSize(keys).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        assertThat(byKey.values().stream().map(s -> ((Charged) s.iterator().next()).chargeId()).distinct()).hasSize(keys);
    }

    @Test
    void concurrentRetriedChargesThroughFlakyAnswersChargeEachKeyAtMostOnce() {
        var sandbox = SandboxGateway.open(dir.resolve("sandbox.journal"),
                SandboxConfig.RELIABLE.withFailures(200, 200, 300).withSeed(7), new RecordingSleeper());
        opened.add(sandbox);
        var gateway = new Retrying(sandbox, RetryPolicy.DEFAULT, new RecordingSleeper());
        var test = Processes.self();
        int keys = 50;
        var callers = new ArrayList<Pid>();
        for (int d = 0; d < 3; d++) {
            for (int k = 0; k < keys; k++) {
                var key = "don-" + k;
                callers.add(Processes.spawn(() -> test.send(new Answer(key, gateway.charge(charge(key, "tok_visa"))))));
            }
        }

        var charged = new HashMap<String, Set<String>>();
        for (int i = 0; i < callers.size(); i++) {
            Answer answer = assertReceive(m -> m instanceof Answer a ? a : null);
            if (answer.outcome() instanceof Charged c) {
                charged.computeIfAbsent(answer.key(), k -> new HashSet<>()).add(c.chargeId());
            }
        }

        assertThat(sandbox.chargeCounts().values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        assertThat(charged).allSatisfy((key, ids) -> assertThat(ids).hasSize(1));
        assertThat(charged.keySet()).isSubsetOf(sandbox.chargeCounts().keySet());
        for (int k = 0; k < keys; k++) {
            var key = "don-" + k;
            var known = sandbox.lookup(key);
            assertThat(known instanceof Found) .as("settled %s", key).isEqualTo(sandbox.chargeCount(key) == 1);
        }
    }

    private static DeclineReason reason(Object outcome) {
        assertThat(outcome).isInstanceOf(Declined.class);
        return ((Declined) outcome).reason();
    }
}
