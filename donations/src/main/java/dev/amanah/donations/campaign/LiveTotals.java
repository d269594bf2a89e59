package dev.amanah.donations.campaign;

import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * A campaign's running totals inside its server process: exact sums, counts, distinct donors, the
 * rate window and the ids seen lately. Mutable and owned by that one process.
 */
final class LiveTotals {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final String campaignId;
    private final Money goal;
    private final Duration dedupeHorizon;
    private final int maxRememberedIds;
    private final RateWindow rate;
    private final Set<String> donors;
    /** Ids of events applied, oldest first, with the time they are forgotten after. */
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();
    private Money received;
    private Money refunded;
    private long donationCount;
    private long refundCount;

    LiveTotals(CampaignTotals loaded, StatsOptions options, Instant now) {
        this.campaignId = loaded.campaignId();
        this.goal = loaded.goal();
        this.dedupeHorizon = options.dedupeHorizon();
        this.maxRememberedIds = options.maxRememberedIds();
        this.rate = new RateWindow(options.rateWindow());
        this.donors = new HashSet<>(loaded.donorRefs());
        this.received = loaded.received();
        this.refunded = loaded.refunded();
        this.donationCount = loaded.donationCount();
        this.refundCount = loaded.refundCount();
        loaded.recent().stream().sorted(java.util.Comparator.comparing(CampaignTotals.Recent::at)).forEach(recent -> {
            seen.put(recent.eventId(), recent.at());
            if (seen.size() > maxRememberedIds) {
                seen.pollFirstEntry();
            }
            if (!recent.refund()) {
                rate.add(recent.at(), now);
            }
        });
    }

    /** Adds a donation; false if it was already counted or is not in the campaign's currency. */
    boolean apply(DonationReceived donation, Instant now) {
        if (!donation.amount().sameCurrencyAs(goal) || !firstSighting(donation.donationId(), now)) {
            return false;
        }
        received = received.plus(donation.amount());
        donationCount++;
        donors.add(donation.donorRef());
        rate.add(donation.at(), now);
        return true;
    }

    /** Subtracts a refund; false if it was already counted or is not in the campaign's currency. */
    boolean apply(DonationRefunded refund, Instant now) {
        if (!refund.amount().sameCurrencyAs(goal) || !firstSighting(refund.refundId(), now)) {
            return false;
        }
        refunded = refunded.plus(refund.amount());
        refundCount++;
        return true;
    }

    CampaignStats snapshot(Instant now) {
        var raised = received.minus(refunded);
        var progress = goal.signum() <= 0 ? BigDecimal.ZERO.setScale(2)
                : raised.amount().multiply(HUNDRED).divide(goal.amount(), 2, RoundingMode.DOWN);
        var missing = goal.minus(raised);
        var remaining = missing.signum() > 0 ? missing : Money.zero(goal.currency());
        return new CampaignStats(campaignId, goal, raised, received, refunded, donationCount, refundCount,
                donors.size(), progress, remaining, rate.perMinute(now), now);
    }

    private boolean firstSighting(String id, Instant now) {
        var horizon = now.minus(dedupeHorizon);
        while (!seen.isEmpty() && seen.firstEntry().getValue().isBefore(horizon)) {
            seen.pollFirstEntry();
        }
        if (seen.putIfAbsent(id, now) != null) {
            return false;
        }
        if (seen.size() > maxRememberedIds) {
            seen.pollFirstEntry();
        }
        return true;
    }
}
