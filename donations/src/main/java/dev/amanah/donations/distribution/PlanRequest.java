package dev.amanah.donations.distribution;

import dev.amanah.finance.money.Money;
import java.util.List;
import java.util.Objects;

/**
 * What a member of staff asks for when preparing a plan: divide {@code total} of a campaign's
 * money among the shares, in proportion to their ratios.
 *
 * @param planId     the plan's id, 1 to 64 of {@code A-Z a-z 0-9 . _ -}; preparing the same id twice is refused
 * @param campaignId the campaign whose collected money is distributed (its fund type decides the rules)
 * @param total      how much, in the campaign's currency
 * @param shares     the recipients, at least one, each recipient once
 */
public record PlanRequest(String planId, String campaignId, Money total, List<RecipientShare> shares) {
    /** Requires every component; copies the shares. */
    public PlanRequest {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(total, "total");
        shares = List.copyOf(shares);
    }
}
