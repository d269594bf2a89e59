package dev.amanah.donations.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.campaign.CampaignStats;
import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.DonationReceived;
import dev.amanah.donations.campaign.DonationRefunded;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.web.DashboardView.FeedItem;
import dev.amanah.donations.web.DashboardView.LiveCampaign;
import dev.amanah.otp.ExitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard shows, read from the live statistics servers (never a totals query) and, for
 * the first feed lines and chart, from the stored donations. Thread-safe: every method reads afresh.
 */
final class Dashboard {
    /** Minutes the chart covers. */
    static final int MINUTES = 30;
    private static final int FEED_LINES = 15;

    private final CampaignStore campaigns;
    private final RecentDonations donations;
    private final CampaignStatsService stats;
    private final Clock clock;

    Dashboard(CampaignStore campaigns, RecentDonations donations, CampaignStatsService stats, Clock clock) {
        this.campaigns = campaigns;
        this.donations = donations;
        this.stats = stats;
        this.clock = clock;
    }

    /** The active and paused campaigns (those with a statistics server), with their figures. */
    List<LiveCampaign> live() {
        var out = new ArrayList<LiveCampaign>();
        for (var state : List.of(CampaignState.ACTIVE, CampaignState.PAUSED)) {
            campaigns.inState(state).forEach(c -> out.add(liveCampaign(c)));
        }
        out.sort(Comparator.comparing(l -> l.campaign().name()));
        return out;
    }

    /** One campaign with its figures, if it exists. */
    Optional<LiveCampaign> live(String campaignId) {
        return campaigns.find(campaignId).map(this::liveCampaign);
    }

    private LiveCampaign liveCampaign(Campaign campaign) {
        // the day as the donation validations see it, so the page and the refusal agree
        var today = LocalDate.now(clock);
        var dates = today.isBefore(campaign.startsOn()) ? LiveCampaign.Dates.BEFORE_START
                : today.isAfter(campaign.endsOn()) ? LiveCampaign.Dates.PAST_END : LiveCampaign.Dates.WITHIN;
        return new LiveCampaign(campaign, statsOf(campaign.id()), dates);
    }

    private Optional<CampaignStats> statsOf(String id) {
        try {
            return stats.stats(id);
        } catch (ExitException restarting) {
            return Optional.empty(); // back once the server has reloaded from the database
        }
    }

    /** The most recent accepted donations of the live campaigns, newest first. */
    List<FeedItem> recentFeed(List<LiveCampaign> live) {
        return recentDonations(live, FEED_LINES * 4).stream().limit(FEED_LINES).toList();
    }

    /** Donations per minute over the last {@value #MINUTES} minutes, oldest minute first. */
    ObjectNode series(List<LiveCampaign> live) {
        var now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        var first = now.minus(Duration.ofMinutes(MINUTES - 1));
        var counts = new long[MINUTES];
        for (var item : recentDonations(live, 2_000)) {
            var minute = item.at().truncatedTo(ChronoUnit.MINUTES);
            if (!minute.isBefore(first) && !minute.isAfter(now)) {
                counts[(int) Duration.between(first, minute).toMinutes()]++;
            }
        }
        var body = Json.object();
        body.put("firstMinute", first.toEpochMilli());
        var values = body.putArray("donations");
        for (var count : counts) {
            values.add(count);
        }
        return body;
    }

    private List<FeedItem> recentDonations(List<LiveCampaign> live, int limit) {
        var names = new HashMap<String, String>();
        live.forEach(l -> names.put(l.campaign().id(), l.campaign().name()));
        return donations.since(clock.instant().minus(Duration.ofMinutes(MINUTES)), limit).stream()
                .filter(row -> names.containsKey(row.campaignId()))
                .map(row -> new FeedItem("donation", names.get(row.campaignId()), row.amount(), row.at()))
                .toList();
    }

    /** The feed line for a live event, naming its campaign. */
    FeedItem feedItem(Object event, Optional<Campaign> campaign) {
        return switch (event) {
            case DonationReceived d -> new FeedItem("donation", campaign.map(Campaign::name).orElse(d.campaignId()), d.amount(), d.at());
            case DonationRefunded r -> new FeedItem("refund", campaign.map(Campaign::name).orElse(r.campaignId()), r.amount(), r.at());
            default -> throw new IllegalArgumentException("not a donation event: " + event);
        };
    }

    /** When an event happened. */
    static Instant at(Object event) {
        return switch (event) {
            case DonationReceived d -> d.at();
            case DonationRefunded r -> r.at();
            default -> throw new IllegalArgumentException("not a donation event: " + event);
        };
    }
}
