package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.campaign.CampaignStats;
import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dashboard's HTML fragments: one campaign card, one feed line, the summary tiles. The page
 * renders them at first, and the live stream sends the same fragments again when figures change,
 * so there is one template for each. Stateless, thread-safe; every text is escaped.
 */
final class DashboardView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private DashboardView() {
    }

    /** A campaign with its live figures (empty while its statistics server loads or restarts). */
    record LiveCampaign(Campaign campaign, Optional<CampaignStats> stats, Dates dates) {
        /** Where today falls against the campaign's dates, by the clock the donation validations use. */
        enum Dates { BEFORE_START, WITHIN, PAST_END }

        /** Whether the campaign takes donations today: ACTIVE, today within its dates. */
        boolean takesDonations() {
            return campaign.state() == CampaignState.ACTIVE && dates == Dates.WITHIN;
        }

        /**
         * The state a visitor is shown: for a campaign still ACTIVE outside its dates (it refuses
         * donations, CAMPAIGN_NOT_OPEN), "not open yet" before its start and "ended" past its end;
         * else its state, in lower case.
         */
        String shownState() {
            return switch (activeOutsideDates()) {
                case BEFORE_START -> "not open yet";
                case PAST_END -> "ended";
                case WITHIN -> campaign.state().name().toLowerCase(Locale.ROOT);
            };
        }

        /** The badge's CSS class: {@code state-} and the shown state as one word. */
        String badgeClass() {
            return switch (activeOutsideDates()) {
                case BEFORE_START -> "state-not-open";
                case PAST_END -> "state-ended";
                case WITHIN -> "state-" + campaign.state().name().toLowerCase(Locale.ROOT);
            };
        }

        // a paused campaign is shown paused whatever its dates: that is what stops its donations
        private Dates activeOutsideDates() {
            return campaign.state() == CampaignState.ACTIVE ? dates : Dates.WITHIN;
        }
    }

    /** One line of the feed: a donation or a refund, with nothing about who gave. */
    record FeedItem(String kind, String campaignName, Money amount, Instant at) {
    }

    static String card(LiveCampaign live) {
        var c = live.campaign();
        var html = new StringBuilder(900);
        html.append("<article class=\"card campaign\" id=\"campaign-").append(esc(c.id())).append("\" data-campaign=\"")
                .append(esc(c.id())).append("\"><header><h3>").append(esc(c.name())).append("</h3><span class=\"badge ")
                .append(esc(live.badgeClass())).append("\">").append(esc(live.shownState()))
                .append("</span></header><p class=\"fund\">").append(esc(c.fundType().name().replace('_', ' ').toLowerCase(Locale.ROOT)))
                .append(" · goal ").append(esc(Amounts.format(c.goal()))).append("</p>");
        if (live.stats().isEmpty()) {
            return html.append("<p class=\"muted\">Figures loading…</p></article>").toString();
        }
        var s = live.stats().get();
        html.append("<div class=\"raised\"><span class=\"amount\" data-field=\"raised\">").append(esc(Amounts.format(s.raised())))
                .append("</span> <span class=\"muted\">raised</span></div>")
                .append("<div class=\"bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"")
                .append(esc(Amounts.barWidth(s.progressPercent()))).append("\"><div class=\"fill\" data-width=\"")
                .append(esc(Amounts.barWidth(s.progressPercent()))).append("\"></div></div>")
                .append("<dl class=\"figures\"><div><dt>progress</dt><dd data-field=\"progress\">")
                .append(esc(s.progressPercent().toPlainString())).append("%</dd></div><div><dt>donations</dt><dd data-field=\"donations\">")
                .append(s.donationCount()).append("</dd></div><div><dt>donors</dt><dd data-field=\"donors\">").append(s.donorCount())
                .append("</dd></div><div><dt>refunded</dt><dd data-field=\"refunded\">").append(esc(Amounts.format(s.refunded())))
                .append("</dd></div><div><dt>per minute</dt><dd data-field=\"rate\">").append(esc(s.ratePerMinute().toPlainString()))
                .append("</dd></div></dl></article>");
        return html.toString();
    }

    static String feedItem(FeedItem item) {
        var refund = item.kind().equals("refund");
        return "<li class=\"feed-item " + (refund ? "refund" : "donation") + "\"><time datetime=\"" + esc(item.at().toString()) + "\">"
                + esc(TIME.format(item.at())) + "</time><span class=\"what\">" + (refund ? "Refund of " : "")
                + "<strong>" + esc(Amounts.format(item.amount())) + "</strong> " + (refund ? "from " : "to ")
                + esc(item.campaignName()) + "</span></li>";
    }

    /** The summary tiles: "live campaigns" counts those taking donations today; the figures sum all {@code campaigns}. */
    static String summary(List<LiveCampaign> campaigns) {
        long donations = 0;
        long refunds = 0;
        var rate = java.math.BigDecimal.ZERO;
        for (var live : campaigns) {
            if (live.stats().isPresent()) {
                donations += live.stats().get().donationCount();
                refunds += live.stats().get().refundCount();
                rate = rate.add(live.stats().get().ratePerMinute());
            }
        }
        return "<div class=\"tile\"><span class=\"big\" data-field=\"live-campaigns\">" + campaigns.stream().filter(LiveCampaign::takesDonations).count()
                + "</span><span>live campaigns</span></div><div class=\"tile\"><span class=\"big\" data-field=\"total-donations\">"
                + donations + "</span><span>donations</span></div><div class=\"tile\"><span class=\"big\" data-field=\"total-refunds\">"
                + refunds + "</span><span>refunds</span></div><div class=\"tile\"><span class=\"big\">" + esc(rate.toPlainString())
                + "</span><span>donations / minute</span></div>";
    }
}
