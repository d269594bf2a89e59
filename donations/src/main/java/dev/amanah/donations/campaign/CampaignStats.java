package dev.amanah.donations.campaign;

import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A campaign's live statistics, as its server holds them.
 *
 * @param campaignId      the campaign
 * @param goal            its goal
 * @param raised          received minus refunded: what the campaign has
 * @param received        the sum of the donations
 * @param refunded        the sum of the refunds
 * @param donationCount   donations received (a refund does not uncount one)
 * @param refundCount     refunds
 * @param donorCount      distinct donors who gave
 * @param progressPercent raised / goal × 100, two decimals, rounded down (so 100.00 means the goal
 *                        is met); 0 for a zero goal
 * @param remaining       what is missing to the goal, zero once it is met
 * @param ratePerMinute   donations received per minute over the rate window, two decimals, rounded down
 * @param asOf            the server's clock when it answered
 */
public record CampaignStats(String campaignId, Money goal, Money raised, Money received, Money refunded,
                            long donationCount, long refundCount, long donorCount, BigDecimal progressPercent,
                            Money remaining, BigDecimal ratePerMinute, Instant asOf) {
    public CampaignStats {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(raised, "raised");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(refunded, "refunded");
        Objects.requireNonNull(progressPercent, "progressPercent");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(ratePerMinute, "ratePerMinute");
        Objects.requireNonNull(asOf, "asOf");
    }
}
