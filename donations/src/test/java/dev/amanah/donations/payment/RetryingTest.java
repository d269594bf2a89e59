package dev.amanah.donations.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.CapturedLog;
import dev.amanah.finance.money.Money;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryingTest {
    private static final ChargeRequest REQUEST = new ChargeRequest("don-1", Money.of("10.00", "USD"), "tok_visa", "donor-1");
    private static final TransientFailure TIMEOUT = new TransientFailure(TransientCause.TIMEOUT, "no answer");
    private static final Charged CHARGED = new Charged("ch_1", Money.of("10.00", "USD"));

    private final RecordingSleeper sleeper = new RecordingSleeper();

    @Test
    void retriesTransientFailuresUntilTheyPass() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, CHARGED);
        var gateway = new Retrying(inner, RetryPolicy.DEFAULT, sleeper);

        assertThat(gateway.charge(REQUEST)).isEqualTo(CHARGED);
        assertThat(inner.calls).hasValue(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void givesUpAfterThreeAttemptsWithTheLastFailure() {
        var inner = new ScriptedGateway().then(TIMEOUT, new TransientFailure(TransientCause.SERVER_ERROR, "503"), TIMEOUT, CHARGED);
        var gateway = new Retrying(inner, RetryPolicy.DEFAULT, sleeper);

        var outcome = gateway.charge(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(TransientFailure.class, f -> {
            assertThat(f.cause()).isEqualTo(TransientCause.TIMEOUT);
            assertThat(f.detail()).contains("gave up after 3 attempts");
        });
        assertThat(inner.calls).hasValue(3);
        assertThat(sleeper.waits).hasSize(2);
    }

    /** Giving up is logged as the service's other lines are, {@code event=} and its values, where it was free text. */
    @Test
    void givingUpIsLoggedAsAnEventNamingTheCallAndItsKey() {
        try (var log = CapturedLog.of(Retrying.class.getName())) {
            var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT);

            new Retrying(inner, RetryPolicy.DEFAULT, sleeper).charge(REQUEST);

            assertThat(log.messages()).containsExactly("event=provider_gave_up call=charge key=don-1 cause=TIMEOUT attempts=3");
        }
    }

    @Test
    void neverRetriesADecline() {
        var declined = new Declined(DeclineReason.CARD_DECLINED, "no");
        var inner = new ScriptedGateway().then(declined, CHARGED);
        var gateway = new Retrying(inner, RetryPolicy.DEFAULT, sleeper);

        assertThat(gateway.charge(REQUEST)).isEqualTo(declined);
        assertThat(inner.calls).hasValue(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void neverRetriesAnOpenCircuit() {
        var open = new CircuitOpen("sandbox", Instant.EPOCH);
        var inner = new ScriptedGateway().then(TIMEOUT, open, CHARGED);
        var gateway = new Retrying(inner, RetryPolicy.DEFAULT, sleeper);

        assertThat(gateway.charge(REQUEST)).isEqualTo(open);
        assertThat(inner.calls).hasValue(2);
    }

    @Test
    void retriesRefundsPayoutsAndLookupsToo() {
        var refunded = new Refunded("re_1", "ch_1", Money.of("1.00", "USD"));
        var found = new Found("k", CHARGED);
        var inner = new ScriptedGateway().then(TIMEOUT, refunded, TIMEOUT, found);
        var gateway = new Retrying(inner, RetryPolicy.DEFAULT, sleeper);

        assertThat(gateway.refund(new RefundRequest("ref-1", "ch_1", Money.of("1.00", "USD")))).isEqualTo(refunded);
        assertThat(gateway.lookup("k")).isEqualTo(found);
        assertThat(inner.calls).hasValue(4);
    }

    @Test
    void retriesACardLookupAndNeverAnAnswerAboutTheToken() {
        var found = new CardFound("fp_1");
        var inner = new ScriptedGateway().then(TIMEOUT, found, new UnknownToken(), CHARGED);
        var gateway = new Retrying(inner, RetryPolicy.DEFAULT, sleeper);

        assertThat(gateway.cardFingerprint("tok_visa")).isEqualTo(found);
        assertThat(gateway.cardFingerprint("tok_gone")).isEqualTo(new UnknownToken());
        assertThat(inner.calls).hasValue(3);
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void backoffGrowsExponentiallyWithEqualJitter() {
        var policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150), 9);
        var gateway = new Retrying(new ScriptedGateway(), policy, sleeper);

        for (int k = 0; k < 100; k++) {
            assertThat(gateway.backoff("k" + k, 1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
            assertThat(gateway.backoff("k" + k, 2)).isBetween(Duration.ofMillis(75), Duration.ofMillis(150));
        }
        assertThat(policy.step(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.step(2)).isEqualTo(Duration.ofMillis(150));   // capped
        assertThat(RetryPolicy.DEFAULT.step(2)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void jitterIsReproducibleFromTheSeedAndVaries() {
        var a = new Retrying(new ScriptedGateway(), RetryPolicy.DEFAULT, sleeper);
        var b = new Retrying(new ScriptedGateway(), RetryPolicy.DEFAULT, sleeper);
        var seeded = new Retrying(new ScriptedGateway(), new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 1), sleeper);

        var draws = new java.util.HashSet<Duration>();
        for (int k = 0; k < 50; k++) {
            assertThat(a.backoff("k" + k, 1)).isEqualTo(b.backoff("k" + k, 1));
            draws.add(a.backoff("k" + k, 1));
        }
        assertThat(draws).hasSizeGreaterThan(25);
        assertThat(java.util.stream.IntStream.range(0, 50).filter(k -> !seeded.backoff("k" + k, 1).equals(a.backoff("k" + k, 1))).count())
                .isGreaterThan(25);
    }

    @Test
    void thePolicyAllowsAtMostThreeAttempts() {
        assertThatThrownBy(() -> new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), 0))
                .hasMessageStartingWith("invalid_retry_policy");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(100), Duration.ofSeconds(2), 0))
                .hasMessageStartingWith("invalid_retry_policy");
    }
}
