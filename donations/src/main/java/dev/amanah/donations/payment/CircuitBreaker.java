package dev.amanah.donations.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link PaymentGateway} that stops calling another one while it keeps failing, so a provider
 * outage costs callers nothing but a fast {@link CircuitOpen} instead of a timeout each.
 *
 * <h2>States</h2>
 * <ul>
 *   <li>{@link State#CLOSED}: calls pass. {@link CircuitBreakerConfig#failureThreshold()}
 *       consecutive {@link TransientFailure}s open the circuit; any other outcome (a charge, a
 *       decline: the provider works) resets the count.</li>
 *   <li>{@link State#OPEN}: calls are not sent and return {@link CircuitOpen} with the time the
 *       circuit half-opens, {@link CircuitBreakerConfig#openDuration()} after it opened.</li>
 *   <li>{@link State#HALF_OPEN}: the first call after that time is sent as a trial; calls during
 *       the trial return {@link CircuitOpen}. A trial that fails transiently opens the circuit
 *       again for a full duration; any other outcome closes it.</li>
 * </ul>
 * Time comes from the {@link Clock} given, so tests move it by hand. Thread-safe: the state
 * machine is guarded by a lock held only to decide and to record, never during the call.
 */
public final class CircuitBreaker implements PaymentGateway {
    private static final System.Logger LOG = System.getLogger(CircuitBreaker.class.getName());

    /** The breaker's states; see the class notes. */
    public enum State {
        /** Calls pass. */
        CLOSED,
        /** Calls fail fast. */
        OPEN,
        /** One trial call is (or may be) in flight. */
        HALF_OPEN
    }

    private final String name;
    private final PaymentGateway inner;
    private final CircuitBreakerConfig config;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    /**
     * @param name    names the breaker in {@link CircuitOpen} and in logs, e.g. {@code "sandbox"}
     * @param inner   the gateway it protects
     * @param config  threshold and open duration
     * @param clock   the time source
     */
    public CircuitBreaker(String name, PaymentGateway inner, CircuitBreakerConfig config, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.inner = Objects.requireNonNull(inner, "inner");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The state now: an open circuit whose duration has passed reads {@link State#HALF_OPEN}. */
    public State state() {
        lock.lock();
        try {
            return state == State.OPEN && !clock.instant().isBefore(openUntil) ? State.HALF_OPEN : state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return guarded(() -> inner.charge(request));
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return guarded(() -> inner.refund(request));
    }

    @Override
    public PayoutOutcome payout(PayoutRequest request) {
        return guarded(() -> inner.payout(request));
    }

    @Override
    public LookupResult lookup(String idempotencyKey) {
        return guarded(() -> inner.lookup(idempotencyKey));
    }

    /** Guarded as the other calls: a card lookup's answer, found or unknown, says the provider works. */
    @Override
    public CardLookup cardFingerprint(String paymentToken) {
        return guarded(() -> inner.cardFingerprint(paymentToken));
    }

    @SuppressWarnings("unchecked")
    private <O> O guarded(Supplier<O> call) {
        boolean trial;
        lock.lock();
        try {
            var now = clock.instant();
            if (state == State.OPEN && !now.isBefore(openUntil)) {
                state = State.HALF_OPEN;
            }
            if (state == State.OPEN || (state == State.HALF_OPEN && trialInFlight)) {
                return (O) new CircuitOpen(name, state == State.OPEN ? openUntil : now);
            }
            trial = state == State.HALF_OPEN;
            trialInFlight = trial;
        } finally {
            lock.unlock();
        }
        O outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException | Error e) {
            // A crash in the call (a bug, a killed caller) is no verdict on the provider.
            if (trial) {
                lock.lock();
                try {
                    trialInFlight = false;
                } finally {
                    lock.unlock();
                }
            }
            throw e;
        }
        record(outcome instanceof TransientFailure, trial);
        return outcome;
    }

    private void record(boolean failed, boolean trial) {
        lock.lock();
        try {
            if (trial) {
                trialInFlight = false;
            }
            if (!failed) {
                if (state != State.CLOSED) {
                    LOG.log(System.Logger.Level.INFO, "event=circuit_closed circuit=" + name);
                }
                state = State.CLOSED;
                consecutiveFailures = 0;
                return;
            }
            consecutiveFailures++;
            if (trial || (state == State.CLOSED && consecutiveFailures >= config.failureThreshold())) {
                state = State.OPEN;
                openUntil = clock.instant().plus(config.openDuration());
                LOG.log(System.Logger.Level.WARNING, "event=circuit_opened circuit=" + name + " failures=" + consecutiveFailures
                        + " until=" + openUntil);
            }
        } finally {
            lock.unlock();
        }
    }
}
