package dev.amanah.donations.web;

import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The service for the web tests: SQLite in a temporary directory, a free port on 127.0.0.1. */
final class WebTestService {
    private static final String SETUP_PREPARER = "setup-preparer";
    private static final String SETUP_PASSWORD = "setup-preparer-password";

    private WebTestService() {
    }

    static AmanahService start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** With {@code grace} as the HTTP drain's grace on stop. */
    static AmanahService start(Path dataDir, String grace) {
        return start(dataDir, Map.of("AMANAH_HTTP_SHUTDOWN_GRACE", grace));
    }

    /** With {@code more} settings, as environment variables, over the test's own. */
    static AmanahService start(Path dataDir, Map<String, String> more) {
        var environment = new HashMap<>(Map.of(
                "AMANAH_DATABASE_DATA_DIR", dataDir.toString(),
                "AMANAH_HTTP_HOST", "127.0.0.1",
                "AMANAH_HTTP_PORT", "0",
                "AMANAH_HTTP_SHUTDOWN_GRACE", "10s"));
        environment.putAll(more);
        return AmanahService.start(ConfigLoader.load(Optional.empty(), environment), Clock.systemUTC());
    }

    /**
     * A client logged in as the tests' own preparer (made on first use), for the staff-only calls
     * of a test's set-up: creating campaigns, refunds.
     */
    static Http preparer(AmanahService service) {
        var accounts = new StaffAccounts(service.database(), new Passwords(4), Clock.systemUTC());
        if (accounts.all().stream().noneMatch(member -> member.username().equals(SETUP_PREPARER))) {
            accounts.add(SETUP_PREPARER, SETUP_PASSWORD, Role.PREPARER);
        }
        return Http.loggedIn(service.port(), SETUP_PREPARER, SETUP_PASSWORD);
    }

    /** Adds an account (bcrypt at the lowest cost: these tests are about the rules, not the hash's strength). */
    static void addStaff(AmanahService service, String username, String password, Role role) {
        new StaffAccounts(service.database(), new Passwords(4), Clock.systemUTC()).add(username, password, role);
    }

    /**
     * An active zakat campaign {@code id} named {@code name} (GBP, a goal of 10,000.00) holding one
     * donation of 200.00, made through the API with {@code paymentToken} under the idempotency key
     * {@code key}: what a distribution can be prepared from.
     */
    static void fundedZakatCampaign(AmanahService service, String id, String name, String paymentToken, String key) {
        try (var http = preparer(service)) {
            var created = http.staffPostJson("/api/campaigns", """
                    {"id": "%s", "name": "%s", "fundType": "ZAKAT", "goalMinor": 1000000, "currency": "GBP",
                     "startsOn": "2020-01-01", "endsOn": "2099-12-31"}""".formatted(id, name), null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(http.staffPostJson("/api/campaigns/" + id + "/state", "{\"state\": \"ACTIVE\"}", null).status())
                    .isEqualTo(200);
            var donated = http.postJson("/api/donations", """
                    {"campaignId": "%s", "amountMinor": 20000, "currency": "GBP", "fundType": "ZAKAT",
                     "donor": {"name": "Donor", "email": "donor@example.org"}, "paymentToken": "%s"}"""
                    .formatted(id, paymentToken), key);
            assertThat(donated.status()).as(donated.body()).isEqualTo(201);
        }
    }
}
