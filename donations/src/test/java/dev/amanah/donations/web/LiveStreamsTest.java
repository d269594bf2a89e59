package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.otp.Processes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server-sent event streams over real HTTP, without a browser: what the dashboard's stream
 * sends for a donation and a refund (the campaign's card already counting it) and for a campaign
 * state change made through the JSON API, the process
 * view's snapshot, and a stop that ends open streams instead of waiting for them.
 */
class LiveStreamsTest {
    @TempDir
    Path dataDir;

    private AmanahService service;
    private Http http;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        service = WebTestService.start(dataDir);
        http = WebTestService.preparer(service);
        http.activeCampaign("live-test", "Live test");
    }

    @AfterEach
    void stop() {
        http.close();
        service.stop();
        client.close();
    }

    private BlockingQueue<Events.Event> open(String path) throws IOException, InterruptedException {
        return Events.open(client, service.port(), path);
    }

    private static Events.Event next(BlockingQueue<Events.Event> events) throws InterruptedException {
        return Events.next(events);
    }

    @Test
    void theDashboardStreamSendsEachDonationWithTheCampaignAlreadyCountingIt() throws Exception {
        var events = open("/events/dashboard");
        var snapshot = next(events);
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(snapshot.data().path("campaigns").get(0).asText()).contains("id=\"campaign-live-test\"", "data-field=\"donations\">0<");

        var id = http.donate("live-test", 2500, "live-1");
        var donation = next(events);
        assertThat(donation.name()).isEqualTo("donation");
        assertThat(donation.data().path("kind").asText()).isEqualTo("donation");
        assertThat(donation.data().path("feed").asText()).contains("<strong>£25.00</strong> to Live test").doesNotContain("Test donor", "example.org");
        assertThat(donation.data().path("card").asText()).contains("data-field=\"raised\">£25.00<", "data-field=\"donations\">1<");

        http.donate("live-test", 1000, "live-2");
        assertThat(next(events).data().path("card").asText()).contains("data-field=\"raised\">£35.00<", "data-field=\"donations\">2<");

        assertThat(http.staffPostJson("/api/donations/" + id + "/refunds", "{\"amountMinor\": 500}", "live-refund").status()).isEqualTo(201);
        var refund = next(events);
        assertThat(refund.data().path("kind").asText()).isEqualTo("refund");
        assertThat(refund.data().path("feed").asText()).contains("Refund of <strong>£5.00</strong> from Live test");
        assertThat(refund.data().path("card").asText()).contains("data-field=\"raised\">£30.00<", "data-field=\"refunded\">£5.00<");
    }

    @Test
    void aCampaignStateChangedThroughTheJsonApiReRendersTheDashboard() throws Exception {
        var events = open("/events/dashboard");
        assertThat(next(events).data().path("campaigns").get(0).asText()).contains("id=\"campaign-live-test\"");

        assertThat(http.staffPostJson("/api/campaigns/live-test/state", "{\"state\": \"COMPLETED\"}", null).status()).isEqualTo(200);
        var snapshot = next(events);
        assertThat(snapshot.name()).isEqualTo("snapshot");
        assertThat(snapshot.data().path("campaigns").toString()).doesNotContain("campaign-live-test");
    }

    @Test
    void theProcessStreamShowsTheSupervisionTreeWithoutStoppingAnySupervisor() throws Exception {
        var dynamic = Processes.whereis("campaigns.stats.campaigns").orElseThrow();
        var tasks = Processes.whereis("donations.tasks").orElseThrow();
        var events = open("/events/processes");
        var first = next(events);
        assertThat(first.name()).isEqualTo("processes");
        var tree = first.data().path("tree");
        assertThat(tree.path("kind").asText()).isEqualTo("supervisor");
        var ids = tree.findValuesAsText("id");
        assertThat(ids).contains("amanah.pubsub", "donations.tasks", "donations.fraud", "campaigns.stats", "donations.processor");
        assertThat(tree.findValuesAsText("name")).contains("campaigns.stats.campaigns", "donations.tasks");
        assertThat(first.data().path("topQueue").size()).isBetween(1, 10);
        assertThat(first.data().path("totals").path("processes").asInt()).isGreaterThanOrEqualTo(first.data().path("totals").path("inTree").asInt());

        next(events); // a second sample: the walk asked every kind of supervisor, twice
        assertThat(Processes.whereis("campaigns.stats.campaigns")).hasValue(dynamic);
        assertThat(Processes.whereis("donations.tasks")).hasValue(tasks);
    }

    @Test
    void aStreamBeyondTheConfiguredLimitIsRefusedWith503WhileTheOpenOneGoesOn() throws Exception {
        // Each open dashboard stream re-reads the campaigns for every donation: a visitor opening
        // streams without limit multiplied the database's work per donation.
        service.stop();
        service = WebTestService.start(dataDir, java.util.Map.of("AMANAH_HTTP_MAX_EVENT_STREAMS", "1"));
        http.close();
        http = WebTestService.preparer(service);
        var dashboard = open("/events/dashboard");
        assertThat(next(dashboard).name()).isEqualTo("snapshot");

        for (var path : java.util.List.of("/events/dashboard", "/events/processes")) {
            var refused = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + service.port() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (var body = refused.body()) {
                assertThat(refused.statusCode()).as(path).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).as(path).isPresent();
                assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).as(path)
                        .contains("1 live stream", "http.maxEventStreams");
            }
        }
        http.donate("live-test", 2500, "after-refusals");
        assertThat(next(dashboard).name()).isEqualTo("donation");
    }

    @Test
    @Timeout(120) // the service's drain grace is 10 minutes here: a stop that waited for the streams would fail this
    void stoppingTheServiceEndsOpenStreamsInsteadOfWaitingForThem() throws Exception {
        service.stop();
        service = WebTestService.start(dataDir, "10m");
        http.close();
        http = new Http(service.port());
        var dashboard = open("/events/dashboard");
        var processes = open("/events/processes");
        assertThat(next(dashboard).name()).isEqualTo("snapshot");
        assertThat(next(processes).name()).isEqualTo("processes");
        service.stop();
        Events.Event last;
        do {
            last = next(dashboard);
        } while (!last.name().equals("closed"));
        do {
            last = next(processes);
        } while (!last.name().equals("closed"));
    }
}
