package dev.amanah.donations.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small client of the service's API for tests: JSON in, status and JSON out. Anonymous, as a
 * donor is; {@link #asStaff()} is the same client logged in as the test preparer.
 */
final class Api {
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        String error() {
            return json().path("error").asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String authorization;

    Api(int port) {
        this(port, null);
    }

    private Api(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** This client, authenticated (HTTP Basic) as {@link TestServices#STAFF_USER}, a preparer. */
    Api asStaff() {
        return as(TestServices.STAFF_USER, TestServices.STAFF_PASSWORD);
    }

    /** This client, authenticated (HTTP Basic) as {@code username}. */
    Api as(String username, String password) {
        var credentials = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return new Api(port, "Basic " + Base64.getEncoder().encodeToString(credentials));
    }

    /** A staff refund of {@code amountMinor} from {@code donationId} under {@code key}. */
    Reply refund(String donationId, long amountMinor, String key) {
        return asStaff().post("/api/donations/" + donationId + "/refunds",
                ("{\"amountMinor\": " + amountMinor + "}").getBytes(StandardCharsets.UTF_8), key);
    }

    Reply get(String path) {
        return send(builder(path).GET().build());
    }

    Reply post(String path, String json) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), null);
    }

    Reply post(String path, byte[] body, String idempotencyKey) {
        var builder = builder(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder.build());
    }

    Reply donate(String key, String json) {
        return post("/api/donations", json.getBytes(StandardCharsets.UTF_8), key);
    }

    private HttpRequest.Builder builder(String path) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Reply send(HttpRequest request) {
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A donation body in GBP to {@code campaign}. */
    static String donation(String campaign, long amountMinor, String token) {
        return """
                {"campaignId": "%s", "amountMinor": %d, "currency": "GBP", "fundType": "SADAQAH",
                 "donor": {"name": "Aisha", "email": "aisha@example.org"}, "paymentToken": "%s"}"""
                .formatted(campaign, amountMinor, token);
    }

    /** Creates and activates (as staff) a GBP sadaqah campaign open from last year to next year. */
    void activeCampaign(String id) {
        var staff = asStaff();
        var created = staff.post("/api/campaigns", """
                {"id": "%s", "name": "Test campaign", "fundType": "SADAQAH", "goalMinor": 1000000, "currency": "GBP",
                 "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""".formatted(id));
        if (created.status() != 201) {
            throw new AssertionError("campaign not created: " + created);
        }
        var activated = staff.post("/api/campaigns/" + id + "/state", "{\"state\": \"ACTIVE\"}");
        if (activated.status() != 200) {
            throw new AssertionError("campaign not activated: " + activated);
        }
    }
}
