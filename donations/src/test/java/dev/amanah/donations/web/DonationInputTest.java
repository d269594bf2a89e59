package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input to {@code POST /api/donations} that the pipeline could never carry through is refused at
 * the door with a 4xx, before the idempotency key is claimed, so a corrected retry under the same
 * key goes through.
 */
class DonationInputTest {
    @TempDir
    static Path dataDir;

    private static AmanahService service;

    @BeforeAll
    static void start() {
        service = WebTestService.start(dataDir);
        try (var staff = WebTestService.preparer(service)) {
            staff.activeCampaign("input", "Input");
        }
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.stop();
        }
    }

    private static String body(String amount, String currency, String email, String token) {
        return "{\"campaignId\":\"input\"," + amount + ",\"currency\":\"" + currency + "\",\"fundType\":\"SADAQAH\","
                + "\"donor\":{\"name\":\"Aisha\",\"email\":\"" + email + "\"},\"paymentToken\":\"" + token + "\"}";
    }

    @Test
    void aPaymentTokenTheProviderWouldRefuseIsRefusedAndTheKeyStaysFree() {
        try (var http = new Http(service.port())) {
            for (var token : new String[] {"tok visa", "tok_\u00e9"}) {
                var refused = http.postJson("/api/donations", body("\"amountMinor\":2500", "GBP", "b@example.org", token), "token-key");
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.json().path("error").asText()).isEqualTo("INVALID_PAYMENT_TOKEN");
            }
            var corrected = http.postJson("/api/donations", body("\"amountMinor\":2500", "GBP", "b@example.org", "tok_visa"), "token-key");
            assertThat(corrected.status()).isEqualTo(201);
        }
    }

    @Test
    void anAmountBeyondALongOfMinorUnitsIsRefused() {
        try (var http = new Http(service.port())) {
            // CLF has four decimals: 15 digits before the point make 19 digits of minor units
            var huge = http.postJson("/api/donations", body("\"amount\":\"999999999999999.9999\"", "CLF", "a@example.org", "tok_a"),
                    "huge-key");
            assertThat(huge.status()).isEqualTo(400);
            assertThat(huge.json().path("error").asText()).isEqualTo("INVALID_AMOUNT");
        }
    }

    @Test
    void anEmailWithAControlCharacterIsRefused() {
        try (var http = new Http(service.port())) {
            var bell = http.postJson("/api/donations", body("\"amountMinor\":2500", "GBP", "d\\u0007x@example.org", "tok_d"), "bell-key");
            assertThat(bell.status()).isEqualTo(422);
            assertThat(bell.json().path("error").asText()).isEqualTo("INVALID_EMAIL");
            // the zero character is refused as a value on every route (PostgreSQL cannot store it)
            var nul = http.postJson("/api/donations", body("\"amountMinor\":2500", "GBP", "d\\u0000x@example.org", "tok_d"), "nul-key");
            assertThat(nul.status()).isEqualTo(400);
            assertThat(nul.json().path("error").asText()).isEqualTo("INVALID_VALUE");
        }
    }
}
