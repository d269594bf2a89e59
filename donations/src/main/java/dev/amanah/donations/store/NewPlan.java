package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.util.List;
import java.util.Objects;

/**
 * A distribution plan as {@link PlanStore#create} takes it, already checked by the domain's
 * {@link dev.amanah.finance.fund.DistributionPlan} (lines add up to the total, zakat only to the
 * eight categories, administrators capped).
 *
 * @param id         unique, at most 64 characters
 * @param campaignId the campaign whose money is distributed
 * @param fundType   the campaign's fund type, which the rules were checked against
 * @param total      the amount distributed, positive
 * @param preparedBy the member of staff who prepared it
 * @param lines      one per recipient, numbered from 1
 */
public record NewPlan(String id, String campaignId, FundType fundType, Money total, String preparedBy, List<PlanLine> lines) {

    /** @throws IllegalArgumentException unless the total is positive, the lines sum to it, and texts fit */
    public NewPlan {
        Limits.require("id", id, Limits.ID);
        Limits.require("campaignId", campaignId, Limits.ID);
        Limits.require("preparedBy", preparedBy, Limits.ID);
        Objects.requireNonNull(fundType, "fundType");
        lines = List.copyOf(lines);
        if (total.signum() <= 0) {
            throw new IllegalArgumentException("a plan's total must be positive, was " + total);
        }
        var sum = lines.stream().map(PlanLine::amount).reduce(Money.zero(total.currency()), Money::plus);
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("lines add up to " + sum + ", not " + total);
        }
    }
}
