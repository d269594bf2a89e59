package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.donations.staff.StaffDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The benchmark's HTTP client of the service: HTTP/1.1 with kept-alive connections, as a
 * donation form's backend would call it. Donations go through {@link KeptAliveHttp} (plain
 * blocking sockets, light on the CPU the service shares); the set-up calls through the JDK's
 * {@code HttpClient}. Thread-safe; each call blocks its (virtual) thread. Close it after use: it
 * holds a selector thread and sockets.
 */
final class HttpDonations implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String STAFF_USER = "bench";
    private static final String STAFF_PASSWORD = "bench-preparer";
    /** The preparer the set-up calls log in as (HTTP Basic): an entry of {@code staff.accounts}, at BCrypt's lowest cost. */
    static final String STAFF_ACCOUNT = STAFF_USER + ":PREPARER:" + StaffDirectory.hash(STAFF_PASSWORD, 4);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final KeptAliveHttp donations;

    HttpDonations(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.donations = new KeptAliveHttp(port);
    }

    /** Donation {@code i} of a run: its own key, donor and card, {@link #amount(int)} pence to the campaign. */
    static String body(String campaign, int i) {
        return """
                {"campaignId": "%s", "amountMinor": %d, "currency": "GBP", "fundType": "SADAQAH",
                 "donor": {"name": "Donor %d", "email": "donor%d@example.org"}, "paymentToken": "tok_visa_%d"}"""
                .formatted(campaign, amount(i), i, i, i);
    }

    /** Donation {@code i}'s amount in pence: 1.00 to 100.99 GBP. */
    static long amount(int i) {
        return 100 + (i * 37L) % 10_000;
    }

    /** The sum of donations {@code 0 .. count - 1} in pence. */
    static long expectedTotal(int count) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += amount(i);
        }
        return total;
    }

    /**
     * Sends donation {@code i} under {@code key}.
     *
     * @throws BenchmarkFailure if it is not accepted (201), naming the answer
     */
    void donate(String key, int i) throws IOException {
        var answer = donations.post("/api/donations", "Idempotency-Key", key, body(BenchService.CAMPAIGN, i));
        BenchmarkFailure.check(answer.status() == 201,
                () -> "donation " + key + " answered " + answer.status() + ": " + answer.body());
    }

    /** Closes the connections; waits for the set-up calls under way. */
    @Override
    public void close() {
        donations.close();
        client.close();
    }

    /** Creates the GBP sadaqah campaign {@code id} and activates it, as the preparer of {@link #STAFF_ACCOUNT}. */
    void createActiveCampaign(String id) {
        post("/api/campaigns", """
                {"id": "%s", "name": "Benchmark", "fundType": "SADAQAH", "goalMinor": 100000000000, "currency": "GBP",
                 "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""".formatted(id), 201);
        post("/api/campaigns/" + id + "/state", "{\"state\": \"ACTIVE\"}", 200);
    }

    private void post(String path, String json, int expected) {
        var credentials = Base64.getEncoder().encodeToString((STAFF_USER + ":" + STAFF_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            BenchmarkFailure.check(response.statusCode() == expected,
                    () -> "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            throw new BenchmarkFailure("POST " + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("POST " + path + " interrupted");
        }
    }
}
