package dev.amanah.finance.fund;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.util.Locale;
import java.util.Objects;

/**
 * A distribution plan approved by a second person; only this, not a bare plan, can be booked.
 *
 * @param plan       the plan
 * @param approvedBy who approved it, never its preparer
 */
public record ApprovedDistribution(DistributionPlan plan, String approvedBy) {

    /**
     * @throws FinanceException {@code APPROVER_IS_PREPARER} (field {@code approvedBy})
     * @throws IllegalArgumentException if {@code approvedBy} is blank: an approval by nobody is no
     *                                  second pair of eyes
     */
    public ApprovedDistribution {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(approvedBy, "approvedBy");
        if (approvedBy.isBlank()) {
            throw new IllegalArgumentException("plan " + plan.id() + " needs the name of who approved it");
        }
        if (normalise(approvedBy).equals(normalise(plan.preparedBy()))) {
            throw new FinanceException(ErrorCode.APPROVER_IS_PREPARER, "approvedBy",
                    approvedBy + " prepared plan " + plan.id() + " and cannot also approve it");
        }
    }

    private static String normalise(String person) {
        return person.strip().toLowerCase(Locale.ROOT);
    }
}
