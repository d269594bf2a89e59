package dev.amanah.donations.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.campaign.CampaignLifecycle;
import dev.amanah.donations.campaign.CampaignStateChanged;
import dev.amanah.donations.campaign.DonationReceived;
import dev.amanah.donations.campaign.DonationRefunded;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.http.OtherMethods;
import dev.amanah.donations.pipeline.DonationPipeline;
import dev.amanah.donations.web.DashboardView.LiveCampaign;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.Processes;
import dev.amanah.otp.pubsub.PubSub;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /}: the dashboard page; {@code GET /events/dashboard}: its live stream.
 *
 * <h2>The stream</h2>
 * The request's thread subscribes (as a process) to the PubSub topic {@value DonationPipeline#TOPIC}
 * and to {@value CampaignLifecycle#TOPIC}, then sends a {@code snapshot} event (every card, the feed, the
 * chart's series) and, for each {@link DonationReceived} or {@link DonationRefunded}, a
 * {@code donation} event: the feed line, the campaign's card and the summary, re-rendered from the
 * campaign's statistics server. The pipeline casts an event to the statistics server before it
 * broadcasts it, so the card read after the event already counts it. A change of campaign state
 * (staff pages or JSON API: {@link CampaignStateChanged}) sends a new snapshot. Nothing polls: with no event, a heartbeat every 15 s finds
 * out whether the browser is still there. The stream ends when the browser leaves or the server
 * stops ({@link LiveStreams#closeAll}); the browser's {@code EventSource} reconnects by itself and
 * gets a fresh snapshot.
 */
final class DashboardRoutes implements HttpService {
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private record Quiet() {
    }

    private final Dashboard dashboard;
    private final PubSub pubsub;
    private final LiveStreams streams;

    DashboardRoutes(Dashboard dashboard, PubSub pubsub, LiveStreams streams) {
        this.dashboard = dashboard;
        this.pubsub = pubsub;
        this.streams = streams;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::page);
        rules.get("/events/dashboard", this::stream);
        OtherMethods.refuse(rules, OtherMethods.Served.GET, BrowserErrorPage.INSTANCE, "/", "/events/dashboard");
    }

    private void page(ServerRequest request, ServerResponse response) {
        var live = dashboard.live();
        var body = new StringBuilder(8192);
        body.append("<section class=\"intro\"><h1>Campaigns, live</h1><p class=\"muted\">Totals, the feed and the chart move as ")
                .append("donations arrive: server-sent events from the runtime's PubSub. <span id=\"live-status\" class=\"status\" role=\"status\">")
                .append("connecting…</span></p></section>")
                .append("<section class=\"tiles\" id=\"summary\">").append(DashboardView.summary(live)).append("</section>")
                .append("<h2>Donations per minute, last 30 minutes</h2><div class=\"card chart\"><canvas id=\"chart\" ")
                .append("aria-label=\"Donations per minute over the last 30 minutes\"></canvas></div>")
                .append("<div class=\"columns\"><section><h2>Campaigns</h2><div id=\"campaigns\" class=\"cards\">");
        live.forEach(l -> body.append(DashboardView.card(l)));
        if (live.isEmpty()) {
            body.append("<p class=\"muted\">No active campaign yet.</p>");
        }
        body.append("</div></section>")
                .append("<section><h2>Live feed</h2><ol id=\"feed\" class=\"card feed\">");
        dashboard.recentFeed(live).forEach(item -> body.append(DashboardView.feedItem(item)));
        body.append("</ol></section></div>");
        Html.send(response, Html.page("Dashboard", "/", null, body.toString(), Assets.CHART_PATH, "/assets/dashboard.js"));
    }

    private void stream(ServerRequest request, ServerResponse response) {
        if (!streams.enter(response)) {
            return;
        }
        pubsub.subscribe(DonationPipeline.TOPIC);
        pubsub.subscribe(CampaignLifecycle.TOPIC);
        try (var out = EventStream.open(response)) {
            out.send("snapshot", snapshot());
            for (;;) {
                var message = Processes.receive(HEARTBEAT, m -> m, Quiet::new);
                switch (message) {
                    case DonationReceived d -> out.send("donation", donation(d, d.campaignId()));
                    case DonationRefunded r -> out.send("donation", donation(r, r.campaignId()));
                    case CampaignStateChanged changed -> out.send("snapshot", snapshot());
                    case Quiet quiet -> out.heartbeat();
                    case LiveStreams.Close close -> {
                        return;
                    }
                    default -> { } // nothing else is meant for this stream
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            // the browser left; its EventSource reconnects if it still wants the stream
        } finally {
            unsubscribeQuietly();
            streams.leave();
        }
    }

    private void unsubscribeQuietly() {
        try {
            pubsub.unsubscribe(DonationPipeline.TOPIC);
            pubsub.unsubscribe(CampaignLifecycle.TOPIC);
        } catch (IllegalArgumentException | ExitException stopped) {
            // the PubSub is already down (shutdown): nothing to unsubscribe from
        }
    }

    private ObjectNode snapshot() {
        List<LiveCampaign> live = dashboard.live();
        var body = Json.object();
        var cards = body.putArray("campaigns");
        live.forEach(l -> cards.add(DashboardView.card(l)));
        var feed = body.putArray("feed");
        dashboard.recentFeed(live).forEach(item -> feed.add(DashboardView.feedItem(item)));
        body.put("summary", DashboardView.summary(live));
        body.set("series", dashboard.series(live));
        return body;
    }

    private ObjectNode donation(Object event, String campaignId) {
        var campaign = dashboard.live(campaignId);
        var body = Json.object();
        body.put("campaignId", campaignId);
        body.put("kind", event instanceof DonationRefunded ? "refund" : "donation");
        body.put("at", Dashboard.at(event).toEpochMilli());
        body.put("feed", DashboardView.feedItem(dashboard.feedItem(event, campaign.map(LiveCampaign::campaign))));
        campaign.ifPresent(c -> body.put("card", DashboardView.card(c)));
        body.put("summary", DashboardView.summary(dashboard.live()));
        return body;
    }
}
