package dev.amanah.donations.payment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/** A gateway that answers with a script of outcomes, one per call, and counts its calls. */
final class ScriptedGateway implements PaymentGateway {
    private final Deque<Object> script = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    ScriptedGateway then(Object... outcomes) {
        synchronized (script) {
            script.addAll(java.util.List.of(outcomes));
        }
        return this;
    }

    private Object next() {
        calls.incrementAndGet();
        synchronized (script) {
            var outcome = script.pollFirst();
            if (outcome == null) {
                throw new AssertionError("the script has no outcome left for call " + calls.get());
            }
            return outcome;
        }
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return (ChargeOutcome) next();
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return (RefundOutcome) next();
    }

    @Override
    public PayoutOutcome payout(PayoutRequest request) {
        return (PayoutOutcome) next();
    }

    @Override
    public LookupResult lookup(String idempotencyKey) {
        return (LookupResult) next();
    }

    @Override
    public CardLookup cardFingerprint(String paymentToken) {
        return (CardLookup) next();
    }
}
