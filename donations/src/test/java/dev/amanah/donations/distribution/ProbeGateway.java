package dev.amanah.donations.distribution;

import dev.amanah.donations.payment.CardLookup;
import dev.amanah.donations.payment.ChargeOutcome;
import dev.amanah.donations.payment.ChargeRequest;
import dev.amanah.donations.payment.LookupResult;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.PayoutOutcome;
import dev.amanah.donations.payment.PayoutRequest;
import dev.amanah.donations.payment.RefundOutcome;
import dev.amanah.donations.payment.RefundRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway wrapper for tests: counts payout calls in flight (and the most seen at once), records
 * every payout key asked, and lets a test act around each call: before it (answer instead of the
 * provider) and after the provider answered (e.g. block, as if the answer were lost in a crash),
 * and before each lookup (e.g. block, as a slow provider would).
 */
final class ProbeGateway implements PaymentGateway {
    /** What a test does around one payout call. */
    interface Hook {
        /** An outcome to answer instead of calling the provider, or null to call it. */
        default PayoutOutcome before(PayoutRequest request, int callNumber) {
            return null;
        }

        /** Called after the provider answered; may block. */
        default void after(PayoutRequest request, int callNumber, PayoutOutcome outcome) {
        }

        /** Called before a lookup of {@code idempotencyKey} goes to the provider; may block. */
        default void beforeLookup(String idempotencyKey) {
        }
    }

    private final PaymentGateway provider;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private volatile Hook hook = new Hook() { };

    ProbeGateway(PaymentGateway provider) {
        this.provider = provider;
    }

    void hook(Hook newHook) {
        hook = newHook;
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** The keys of every payout call, in call order (repeats included). */
    List<String> payoutKeys() {
        return List.copyOf(keys);
    }

    @Override
    public PayoutOutcome payout(PayoutRequest request) {
        int number = calls.incrementAndGet();
        keys.add(request.idempotencyKey());
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            var current = hook;
            var instead = current.before(request, number);
            if (instead != null) {
                return instead;
            }
            var outcome = provider.payout(request);
            current.after(request, number, outcome);
            return outcome;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return provider.charge(request);
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return provider.refund(request);
    }

    @Override
    public LookupResult lookup(String idempotencyKey) {
        hook.beforeLookup(idempotencyKey);
        return provider.lookup(idempotencyKey);
    }

    @Override
    public CardLookup cardFingerprint(String paymentToken) {
        return provider.cardFingerprint(paymentToken);
    }
}
