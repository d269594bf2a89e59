package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.http.Json;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.otp.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission control in the {@code DonationProcessor}: with every place taken, a request waits, and
 * one that waits past {@code timeouts.admission} gets {@code 503 OVERLOADED} with {@code Retry-After},
 * nothing written for its key; retried once a place is free, it goes through exactly once.
 */
class AdmissionTest {
    @TempDir
    Path dir;

    @Test
    void a_request_not_admitted_in_time_is_refused_with_nothing_written_and_its_retry_goes_through() throws Exception {
        // One place; the first donation holds it for the provider's 8 s, far past the 200 ms admission bound.
        var config = TestServices.config(dir, Map.of(
                "AMANAH_DONATIONS_MAX_IN_FLIGHT", "1",
                "AMANAH_TIMEOUTS_ADMISSION", "200ms",
                "AMANAH_GATEWAY_LATENCY_MIN", "8s",
                "AMANAH_GATEWAY_LATENCY_MAX", "8s"));
        try (var service = AmanahService.start(config, Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var adapter = Processes.whereis(AmanahService.GATEWAY_ADAPTER).orElseThrow();
            var handled = Processes.info(adapter).orElseThrow().reductions();

            var first = clients.submit(() -> api.donate("a-1", Api.donation("ramadan", 1000, "tok_visa")));
            awaitCharge(adapter, handled);

            var refused = post(service.port(), "a-2", Api.donation("ramadan", 2000, "tok_visa"));
            assertThat(first.isDone()).as("the first donation still holds the only place").isFalse();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(Json.MAPPER.readTree(refused.body()).path("error").asText()).isEqualTo("OVERLOADED");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            var clock = Clock.systemUTC();
            var database = service.database();
            var donations = new DonationStore(database, clock, new LedgerStore(database, clock), new CampaignStore(database, clock));
            assertThat(donations.findByIdempotencyKey("a-2")).isEmpty();
            assertThat(new IdempotencyStore(database, clock).inFlight()).extracting(key -> key.key()).containsExactly("a-1");

            assertThat(first.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
            var retried = api.donate("a-2", Api.donation("ramadan", 2000, "tok_visa"));
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCount("a-2")).isEqualTo(1);
            assertThat(donations.totals("ramadan").raised().minorUnits()).isEqualTo(3000);
        }
    }

    /**
     * Waits (bounded) until the gateway adapter has taken the charge's call: its second since
     * {@code handled}, the first being the fraud check's look-up of the token's card (which takes
     * none of the sandbox's latency). The pipeline is then at the provider, for its 8 s.
     */
    private static void awaitCharge(dev.amanah.otp.Pid adapter, long handled) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Processes.info(adapter).orElseThrow().reductions() < handled + 2) {
            assertThat(Instant.now()).as("the first donation reaching the provider").isBefore(deadline);
            Thread.sleep(5);
        }
    }

    private static HttpResponse<String> post(int port, String key, String json) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/donations"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
