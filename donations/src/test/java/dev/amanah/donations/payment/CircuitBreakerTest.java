package dev.amanah.donations.payment;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.CapturedLog;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class CircuitBreakerTest {
    private static final ChargeRequest REQUEST = new ChargeRequest("don-1", Money.of("10.00", "USD"), "tok_visa", "donor-1");
    private static final TransientFailure TIMEOUT = new TransientFailure(TransientCause.TIMEOUT, "no answer");
    private static final Charged CHARGED = new Charged("ch_1", Money.of("10.00", "USD"));
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);

    private final ManualClock clock = ManualClock.atNewYear();

    private CircuitBreaker breaker(PaymentGateway inner) {
        return new CircuitBreaker("sandbox", inner, new CircuitBreakerConfig(3, OPEN_FOR), clock);
    }

    @Test
    void opensAfterTheThresholdAndFailsFastWithoutCallingTheProvider() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT);
        var breaker = breaker(inner);

        for (int i = 0; i < 3; i++) {
            assertThat(breaker.charge(REQUEST)).isEqualTo(TIMEOUT);
        }
        var refused = breaker.charge(REQUEST);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(refused).isEqualTo(new CircuitOpen("sandbox", clock.instant().plus(OPEN_FOR)));
        assertThat(breaker.lookup("don-1")).isInstanceOf(CircuitOpen.class);
        assertThat(breaker.cardFingerprint("tok_visa")).isInstanceOf(CircuitOpen.class);
        assertThat(inner.calls).hasValue(3);
    }

    @Test
    void aCardLookupsFailuresOpenTheCircuitAndItsAnswerClosesIt() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT, new UnknownToken());
        var breaker = breaker(inner);

        for (int i = 0; i < 3; i++) {
            assertThat(breaker.cardFingerprint("tok_visa")).isEqualTo(TIMEOUT);
        }
        var refused = breaker.charge(REQUEST);
        clock.advance(OPEN_FOR);
        var trial = breaker.cardFingerprint("tok_visa");

        assertThat(refused).isInstanceOf(CircuitOpen.class);
        assertThat(trial).isEqualTo(new UnknownToken());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aSuccessOrADeclineResetsTheCount() {
        var declined = new Declined(DeclineReason.CARD_DECLINED, "no");
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, CHARGED, TIMEOUT, TIMEOUT, declined, TIMEOUT, TIMEOUT);
        var breaker = breaker(inner);

        for (int i = 0; i < 8; i++) {
            breaker.charge(REQUEST);
        }

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(inner.calls).hasValue(8);
    }

    @Test
    void halfOpensAfterTheDurationAndASuccessfulTrialCloses() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT, CHARGED, CHARGED);
        var breaker = breaker(inner);
        for (int i = 0; i < 3; i++) {
            breaker.charge(REQUEST);
        }

        clock.advance(OPEN_FOR.minusMillis(1));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.charge(REQUEST)).isInstanceOf(CircuitOpen.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);

        assertThat(breaker.charge(REQUEST)).isEqualTo(CHARGED);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.charge(REQUEST)).isEqualTo(CHARGED);
        assertThat(inner.calls).hasValue(5);
    }

    /**
     * The circuit opening (every payment refused fast) and closing again are what an operator
     * watches for: they are logged as the service's other lines are, {@code event=} and its
     * values, where they were free text that a search for {@code event=} missed.
     */
    @Test
    void itsOpeningAndClosingAreLoggedAsEventsNamingTheCircuit() {
        try (var log = CapturedLog.of(CircuitBreaker.class.getName())) {
            var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT, CHARGED);
            var breaker = breaker(inner);
            for (int i = 0; i < 3; i++) {
                breaker.charge(REQUEST);
            }
            var until = clock.instant().plus(OPEN_FOR);
            clock.advance(OPEN_FOR);
            breaker.charge(REQUEST);

            assertThat(log.messages()).containsExactly("event=circuit_opened circuit=sandbox failures=3 until=" + until,
                    "event=circuit_closed circuit=sandbox");
        }
    }

    @Test
    void aFailedTrialOpensAgainForAFullDuration() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT);
        var breaker = breaker(inner);
        for (int i = 0; i < 3; i++) {
            breaker.charge(REQUEST);
        }
        clock.advance(OPEN_FOR);

        assertThat(breaker.charge(REQUEST)).isEqualTo(TIMEOUT);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.charge(REQUEST)).isEqualTo(new CircuitOpen("sandbox", clock.instant().plus(OPEN_FOR)));
        assertThat(inner.calls).hasValue(4);
    }

    record TrialStarted() {
    }

    record TrialDone(ChargeOutcome outcome) {
    }

    @Test
    void onlyOneTrialAtATimeOthersFailFast() throws InterruptedException {
        var release = new CountDownLatch(1);
        var test = Processes.self();
        var opened = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT);
        var inner = new PaymentGateway() {
            @Override
            public ChargeOutcome charge(ChargeRequest request) {
                if (opened.calls.get() < 3) {
                    return opened.charge(request);
                }
                test.send(new TrialStarted());
                try {
                    if (!release.await(10, TimeUnit.SECONDS)) {
                        throw new AssertionError("the trial was never released");
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return CHARGED;
            }

            @Override
            public RefundOutcome refund(RefundRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public PayoutOutcome payout(PayoutRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public LookupResult lookup(String idempotencyKey) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CardLookup cardFingerprint(String paymentToken) {
                throw new UnsupportedOperationException();
            }
        };
        var breaker = breaker(inner);
        for (int i = 0; i < 3; i++) {
            breaker.charge(REQUEST);
        }
        clock.advance(OPEN_FOR);

        Processes.spawn(() -> test.send(new TrialDone(breaker.charge(REQUEST))));
        assertReceive(m -> m instanceof TrialStarted t ? t : null);
        var during = breaker.charge(REQUEST);
        release.countDown();
        TrialDone done = assertReceive(m -> m instanceof TrialDone d ? d : null);

        assertThat(during).isEqualTo(new CircuitOpen("sandbox", clock.instant()));
        assertThat(done.outcome()).isEqualTo(CHARGED);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTrialThatThrowsLetsTheNextCallTry() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT);
        var breaker = breaker(inner);
        for (int i = 0; i < 3; i++) {
            breaker.charge(REQUEST);
        }
        clock.advance(OPEN_FOR);

        assertThatThrownBy(() -> breaker.charge(REQUEST)).isInstanceOf(AssertionError.class);   // script exhausted
        inner.then(CHARGED);

        assertThat(breaker.charge(REQUEST)).isEqualTo(CHARGED);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void retryingAroundTheBreakerStopsWhenItOpens() {
        var inner = new ScriptedGateway().then(TIMEOUT, TIMEOUT, TIMEOUT);
        var breaker = new CircuitBreaker("sandbox", inner, new CircuitBreakerConfig(2, OPEN_FOR), clock);
        var gateway = new Retrying(breaker, RetryPolicy.DEFAULT, new RecordingSleeper());

        var outcome = gateway.charge(REQUEST);

        assertThat(outcome).isInstanceOf(CircuitOpen.class);
        assertThat(inner.calls).hasValue(2);
    }
}
