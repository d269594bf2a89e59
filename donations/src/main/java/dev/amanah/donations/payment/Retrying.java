package dev.amanah.donations.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A {@link PaymentGateway} that retries another's {@link TransientFailure}s with the same
 * idempotency key, with exponential backoff and jitter ({@link RetryPolicy}).
 *
 * <ul>
 *   <li>Only {@link TransientFailure} is retried. {@link Declined} and the other settled outcomes
 *       are final; {@link CircuitOpen} is returned at once (the breaker says not to insist).</li>
 *   <li>At most {@link RetryPolicy#maxAttempts()} attempts; after the last, the last failure is
 *       returned with its detail saying how many attempts were made.</li>
 *   <li>The same request, hence the same key, is sent every time: a provider that acted on an
 *       attempt whose answer was lost returns that first outcome, never a second charge.</li>
 * </ul>
 * Compose it outside a {@link CircuitBreaker}: {@code new Retrying(new CircuitBreaker(...), ...)},
 * so a breaker that opens during the retries stops them. Thread-safe (it holds no mutable state);
 * the backoff blocks the caller through its {@link Sleeper}.
 */
public final class Retrying implements PaymentGateway {
    private static final System.Logger LOG = System.getLogger(Retrying.class.getName());

    private final PaymentGateway inner;
    private final RetryPolicy policy;
    private final Sleeper sleeper;

    /** Retries {@code inner} by {@code policy}, waiting with {@link Sleeper#PROCESS}. */
    public Retrying(PaymentGateway inner, RetryPolicy policy) {
        this(inner, policy, Sleeper.PROCESS);
    }

    /** Retries {@code inner} by {@code policy}, waiting with {@code sleeper}. */
    public Retrying(PaymentGateway inner, RetryPolicy policy, Sleeper sleeper) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return retry("charge", request.idempotencyKey(), () -> inner.charge(request));
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return retry("refund", request.idempotencyKey(), () -> inner.refund(request));
    }

    @Override
    public PayoutOutcome payout(PayoutRequest request) {
        return retry("payout", request.idempotencyKey(), () -> inner.payout(request));
    }

    @Override
    public LookupResult lookup(String idempotencyKey) {
        return retry("lookup", idempotencyKey, () -> inner.lookup(idempotencyKey));
    }

    /**
     * Retries a card lookup's {@link TransientFailure}s as the other operations' (it moves nothing,
     * so asking again is always safe). The token is not logged: the lookup is logged as
     * {@code card_lookup}.
     */
    @Override
    public CardLookup cardFingerprint(String paymentToken) {
        GatewayRequests.requireReference(paymentToken, "paymentToken");
        return retry("card_lookup", paymentToken, "-", () -> inner.cardFingerprint(paymentToken));
    }

    /** The backoff before retry number {@code retry} of {@code key}: the policy's step with its jitter. */
    Duration backoff(String key, int retry) {
        long step = policy.step(retry).toNanos();
        long half = step / 2;
        long jitter = half == 0 ? 0 : jitterRandom(key, retry).nextLong(step - half + 1);
        return Duration.ofNanos(half + jitter);
    }

    private <O> O retry(String operation, String key, Supplier<O> attempt) {
        return retry(operation, key, key, attempt);
    }

    /** Retries {@code attempt}; the jitter is drawn from {@code key}, the logs name {@code logged}. */
    @SuppressWarnings("unchecked")
    private <O> O retry(String operation, String key, String logged, Supplier<O> attempt) {
        for (int n = 1; ; n++) {
            O outcome = attempt.get();
            if (!(outcome instanceof TransientFailure(var cause, var detail))) {
                return outcome;
            }
            if (n == policy.maxAttempts()) {
                LOG.log(System.Logger.Level.WARNING, "event=provider_gave_up call=" + operation + " key=" + logged + " cause=" + cause
                        + " attempts=" + n);
                return (O) new TransientFailure(cause, detail + " (gave up after " + n + " attempts)");
            }
            var wait = backoff(key, n);
            LOG.log(System.Logger.Level.DEBUG, "{0} {1}: {2}, attempt {3} of {4}, retrying in {5} ms",
                    operation, logged, cause, n, policy.maxAttempts(), wait.toMillis());
            sleeper.sleep(wait);
        }
    }

    private SplittableRandom jitterRandom(String key, int retry) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(policy.jitterSeed() ^ hash ^ (retry * 0x9E3779B97F4A7C15L));
    }
}
