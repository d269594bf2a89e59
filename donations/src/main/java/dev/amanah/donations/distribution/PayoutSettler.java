package dev.amanah.donations.distribution;

import dev.amanah.donations.payment.CircuitOpen;
import dev.amanah.donations.payment.Declined;
import dev.amanah.donations.payment.Found;
import dev.amanah.donations.payment.NotFound;
import dev.amanah.donations.payment.PaidOut;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.PayoutRequest;
import dev.amanah.donations.payment.TransientFailure;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PayoutStore;
import java.util.Objects;

/**
 * Pays one payout, or settles one whose outcome is unknown, through the gateway and books the
 * answer: {@code PAID} with its ledger transaction (in one database transaction), {@code DECLINED}
 * when the provider refused it for good, or {@code FAILED} with the reason when the outcome is
 * unknown or the provider unavailable. Every gateway call carries the payout's own key, so paying
 * a payout again, after a failure, a timeout or a crash, pays the recipient at most once: the
 * provider answers a settled key with its first outcome. A {@code FAILED} payout is therefore
 * always safe to pay again; a {@code DECLINED} one is not paid again under its key, which the
 * provider would only decline again. Thread-safe (stateless but for its collaborators); blocks on the
 * gateway and the database.
 */
final class PayoutSettler {
    private final PayoutStore payouts;
    private final PaymentGateway gateway;
    private final String gatewayName;

    PayoutSettler(PayoutStore payouts, PaymentGateway gateway, String gatewayName) {
        this.payouts = Objects.requireNonNull(payouts, "payouts");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.gatewayName = Objects.requireNonNull(gatewayName, "gatewayName");
    }

    /**
     * Pays a payout already counted as attempted ({@code PENDING}, see
     * {@link PayoutStore#recordAttempts}): asks the gateway (its retries and circuit breaker
     * included) and books the outcome; when the gateway gives no definite answer, asks it by key
     * what it settled.
     */
    Payout pay(Payout payout, PlanLine line) {
        var outcome = gateway.payout(new PayoutRequest(payout.idempotencyKey(), line.accountRef(), payout.amount()));
        return switch (outcome) {
            case PaidOut paid -> book(payout, line, paid);
            case Declined declined -> payouts.markDeclined(payout.id(), "declined: " + declined.reason());
            case TransientFailure failure -> settle(payout, line, "the provider did not answer (" + failure.cause() + ")");
            case CircuitOpen open -> settle(payout, line, "the provider is unavailable (circuit open)");
        };
    }

    /**
     * Settles a payout whose outcome is unknown, never paying: asks the gateway by key. Paid:
     * booked; declined: {@code DECLINED}; nothing settled: failed with {@code whyUnpaid} if it was
     * ever attempted, left as it is if not; unknown (the provider cannot be asked): failed, to be
     * paid again under the same key. A payout not payable (paid, declined, cancelled) is returned
     * unchanged.
     */
    Payout settle(Payout payout, PlanLine line, String whyUnpaid) {
        if (!payout.status().payable()) {
            return payout;
        }
        return switch (gateway.lookup(payout.idempotencyKey())) {
            case Found(var key, PaidOut paid) -> book(payout, line, paid);
            case Found(var key, Declined declined) -> payouts.markDeclined(payout.id(), "declined: " + declined.reason());
            case Found found -> throw new IllegalStateException("the provider settled a payout's key as " + found.outcome());
            case NotFound notFound -> payout.attempts() == 0 && payout.status() == PayoutStatus.PENDING ? payout
                    : payouts.markFailed(payout.id(), "not paid: " + whyUnpaid);
            case TransientFailure failure -> payouts.markFailed(payout.id(), "unknown: " + whyUnpaid
                    + "; the provider could not be asked, paying again asks it under the same key");
            case CircuitOpen open -> payouts.markFailed(payout.id(), "unknown: " + whyUnpaid
                    + "; the provider could not be asked, paying again asks it under the same key");
        };
    }

    private Payout book(Payout payout, PlanLine line, PaidOut paid) {
        return payouts.markPaid(payout.id(), paid.payoutId(),
                "payout " + payout.id() + " of plan " + payout.planId() + " to " + payout.recipientId(),
                Bookings.paid(line, payout.amount(), gatewayName));
    }
}
