package dev.amanah.donations.distribution;

import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.StoredPlan;
import dev.amanah.finance.money.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan with its payouts, as the service reports it: what was prepared, who approved it, and,
 * per recipient, whether and when they were paid or why not.
 *
 * @param plan    the plan and its lines
 * @param payouts its payouts (one per line with a positive amount), empty before its first run
 */
public record PlanReport(StoredPlan plan, List<Payout> payouts) {
    /** Copies the payouts. */
    public PlanReport {
        Objects.requireNonNull(plan, "plan");
        payouts = List.copyOf(payouts);
    }

    /** The payout of a recipient, if the plan has run. */
    public Optional<Payout> payoutOf(String recipientId) {
        return payouts.stream().filter(p -> p.recipientId().equals(recipientId)).findFirst();
    }

    /**
     * Whether the recipient's payout stands reissued: it is sent under the key of a reissue (see
     * {@link DistributionService#reissue}) and was not declined again since, so it is waiting for
     * the next run, being paid, or paid. What a reissue sent twice finds.
     */
    public boolean reissued(String recipientId) {
        return payoutOf(recipientId).filter(p -> p.status() != PayoutStatus.DECLINED)
                .filter(p -> !p.idempotencyKey().equals(Bookings.payoutKey(plan.id(), recipientId))).isPresent();
    }

    /** The sum of the payouts in one status. */
    public Money total(PayoutStatus status) {
        return payouts.stream().filter(p -> p.status() == status).map(Payout::amount)
                .reduce(Money.zero(plan.total().currency()), Money::plus);
    }

    /** How many payouts are in one status. */
    public long count(PayoutStatus status) {
        return payouts.stream().filter(p -> p.status() == status).count();
    }
}
