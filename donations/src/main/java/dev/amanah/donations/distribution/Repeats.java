package dev.amanah.donations.distribution;

import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PlanStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells a request sent again (a double click, a client's retry, two staff at once) from a contrary
 * one, once {@link DistributionService} has refused it: a refusal because what the action asks for
 * is the case already, done by this member or another, is a repeat, answered with the plan as it
 * stands; any other refusal stays one (approving a rejected plan, reissuing a cancelled payout).
 * The distributions page and the JSON API both ask it, so they agree on what is "already".
 *
 * <p>Only the refusals a plan's or payout's state causes are looked at ({@code ILLEGAL_STATE},
 * {@code PLAN_EXECUTING}); the plan is read again for the answer, which costs a read only on refusal.
 * Thread-safe.
 */
public final class Repeats {
    /** An action on a plan, or on one of its payouts, that may be sent twice. */
    public enum Action {
        /** Approve a prepared plan: done once it is approved (or ran since). */
        APPROVE,
        /** Reject a prepared plan: done once it is rejected. */
        REJECT,
        /** Execute a plan: done while its run goes on, or once it is paid. */
        EXECUTE,
        /** Settle a plan its dead run left executing: done once it is paid or incomplete. */
        SETTLE,
        /** Reissue a declined payout: done while it stands reissued, or once it was sent since the attempt seen. */
        REISSUE,
        /** Cancel a declined payout: done once it is cancelled. */
        CANCEL
    }

    private final DistributionService service;

    /** Asks {@code service} for the plan as it stands. */
    public Repeats(DistributionService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * The plan as it stands, if {@code refusal} of {@code action} came because the action was done
     * already; else empty, and the refusal stands.
     *
     * @param recipientId the payout's recipient for {@link Action#REISSUE} and {@link Action#CANCEL}; ignored otherwise
     * @throws DistributionException {@code PLAN_NOT_FOUND} if the plan is gone (never, as plans are not deleted)
     */
    public Optional<PlanReport> doneAlready(StaffMember by, String planId, String recipientId, Action action,
                                            DistributionException refusal) {
        var code = refusal.code();
        if (code != DistributionException.Code.ILLEGAL_STATE && code != DistributionException.Code.PLAN_EXECUTING) {
            return Optional.empty();
        }
        var report = service.plan(by, planId);
        var status = report.plan().status();
        var done = switch (action) {
            case APPROVE -> status == PlanStatus.APPROVED || status == PlanStatus.EXECUTING || status == PlanStatus.PAID
                    || status == PlanStatus.INCOMPLETE;
            case REJECT -> status == PlanStatus.REJECTED;
            case EXECUTE -> code == DistributionException.Code.PLAN_EXECUTING || status == PlanStatus.PAID;
            case SETTLE -> status == PlanStatus.PAID || status == PlanStatus.INCOMPLETE;
            // A reissue naming an attempt the payout has had since was done, and the payout sent (PAYOUT_CHANGED).
            case REISSUE -> report.reissued(recipientId) || "PAYOUT_CHANGED".equals(refusal.errorCode());
            case CANCEL -> report.payoutOf(recipientId).filter(p -> p.status() == PayoutStatus.CANCELLED).isPresent();
        };
        return done ? Optional.of(report) : Optional.empty();
    }
}
