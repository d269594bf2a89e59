package dev.amanah.donations.campaign;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link CampaignTotalsSource} loads: a campaign's totals as recorded, from which its
 * statistics server (re)starts.
 *
 * @param campaignId    the campaign
 * @param goal          its goal; its currency is the campaign's
 * @param received      the sum of its donations
 * @param refunded      the sum of its refunds
 * @param donationCount how many donations
 * @param refundCount   how many refunds
 * @param donorRefs     the distinct donors (immutable copy)
 * @param recent        the donations and refunds recorded within the statistics'
 *                      {@link StatsOptions#dedupeHorizon()} before the load (or more): they fill
 *                      the rate window and let the server ignore an event that reaches it after
 *                      the load already counted it
 */
public record CampaignTotals(String campaignId, Money goal, Money received, Money refunded, long donationCount,
                             long refundCount, Set<String> donorRefs, List<Recent> recent) {

    /**
     * A recent donation or refund.
     *
     * @param eventId the donation's or refund's id
     * @param at      when it was recorded
     * @param refund  true for a refund
     */
    public record Recent(String eventId, Instant at, boolean refund) {
        public Recent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** @throws IllegalArgumentException {@code invalid_totals: ...} for mixed currencies or negative counts */
    public CampaignTotals {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(refunded, "refunded");
        donorRefs = Set.copyOf(donorRefs);
        recent = List.copyOf(recent);
        if (!goal.sameCurrencyAs(received) || !goal.sameCurrencyAs(refunded)) {
            throw new IllegalArgumentException("invalid_totals: goal, received and refunded must share a currency");
        }
        if (donationCount < 0 || refundCount < 0) {
            throw new IllegalArgumentException("invalid_totals: negative counts " + donationCount + ", " + refundCount);
        }
    }

    /** A campaign with nothing recorded yet. */
    public static CampaignTotals empty(String campaignId, Money goal) {
        var zero = Money.zero(goal.currency());
        return new CampaignTotals(campaignId, goal, zero, zero, 0, 0, Set.of(), List.of());
    }
}
