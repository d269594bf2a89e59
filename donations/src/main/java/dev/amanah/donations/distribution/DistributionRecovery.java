package dev.amanah.donations.distribution;

import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.PlanStore;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PayoutStore;
import dev.amanah.donations.store.StoredPlan;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Settles the payment runs a crash left in flight (plans still {@code EXECUTING} with no run
 * alive): each payable payout ({@code PENDING}, {@code FAILED}) is looked up at the provider by its
 * key — paid there: booked {@code PAID} (ledger included); declined: {@code DECLINED}, for staff to
 * reissue or cancel; never settled: {@code FAILED} if it had
 * been attempted, {@code PENDING} if not — and the plan becomes {@code PAID} or {@code INCOMPLETE}.
 * It never pays: executing the plan again pays what is left, under the same keys, so each
 * recipient is paid exactly once. Runs at start-up before the port opens, before a new run of a
 * plan whose run died, and when staff settle such a plan ({@link DistributionService#settle}). Blocks on the database and the gateway; not meant to run beside a live
 * run of the same plan.
 */
public final class DistributionRecovery {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.distribution");

    /**
     * What a recovery did.
     *
     * @param plans     plans settled
     * @param paid      payouts found paid at the provider and booked
     * @param unpaid    payouts not paid: failed ones (executing the plan again pays them) and
     *                  declined ones (waiting for staff to reissue or cancel them)
     */
    public record Report(int plans, int paid, int unpaid) {
        @Override
        public String toString() {
            return "plans=" + plans + " payouts_booked=" + paid + " payouts_unpaid=" + unpaid;
        }
    }

    private final PlanStore plans;
    private final PayoutStore payouts;
    private final PayoutSettler settler;

    DistributionRecovery(PlanStore plans, PayoutStore payouts, PayoutSettler settler) {
        this.plans = plans;
        this.payouts = payouts;
        this.settler = settler;
    }

    /** Settles every plan left {@code EXECUTING}. */
    public Report run() {
        int settled = 0;
        int paid = 0;
        int unpaid = 0;
        for (var plan : plans.inStatus(PlanStatus.EXECUTING)) {
            var report = settle(plan);
            settled++;
            paid += report.paid();
            unpaid += report.unpaid();
        }
        return new Report(settled, paid, unpaid);
    }

    /** Settles one plan left {@code EXECUTING}; see the class comment. */
    Report settle(StoredPlan plan) {
        Map<String, PlanLine> lines = plan.lines().stream()
                .collect(Collectors.toMap(PlanLine::recipientId, Function.identity()));
        int booked = 0;
        int left = 0;
        for (var payout : payouts.ofPlan(plan.id())) {
            if (payout.status().settled()) {
                continue;
            }
            var after = settler.settle(payout, lines.get(payout.recipientId()), "its run was interrupted");
            if (after.status() == PayoutStatus.PAID) {
                booked++;
            } else {
                left++;
            }
        }
        var status = left == 0 ? PlanStatus.PAID : PlanStatus.INCOMPLETE;
        plans.finishExecution(plan.id(), status);
        LOG.log(System.Logger.Level.INFO, "event=distribution_recovered plan=" + plan.id() + " status=" + status
                + " booked=" + booked + " unpaid=" + left);
        return new Report(1, booked, left);
    }
}
