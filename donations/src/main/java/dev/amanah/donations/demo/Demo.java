package dev.amanah.donations.demo;

import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.auth.StaffSessions;
import dev.amanah.donations.auth.Tokens;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.distribution.PlanRequest;
import dev.amanah.donations.distribution.RecipientShare;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo, running: the service on an embedded SQLite database in {@code dataDir}, the sample
 * campaigns created and activated through the API, three demo staff accounts (an approver, a
 * preparer, a viewer) with random passwords, a zakat distribution plan prepared by the preparer
 * and waiting for the approver, and simulated donors at {@code rate} donations per second. {@link #stop} stops the donors, then the service (draining it). Start and stop from one
 * thread.
 */
public final class Demo implements AutoCloseable {
    // Demo accounts with printed passwords protect nothing: a cheaper hash starts the demo sooner.
    private static final int DEMO_PASSWORD_COST = 8;

    /**
     * What to run.
     *
     * @param dataDir where the database and the sandbox journal go (fresh: nothing is reused)
     * @param host    the address to listen on
     * @param port    the port (0: any free one)
     * @param rate    donations per second, all donors together (0: no donors)
     * @param donors  donor processes
     * @param seed    seed of the donors' choices
     */
    public record Options(Path dataDir, String host, int port, double rate, int donors, long seed) {
        public Options {
            if (!(rate >= 0 && rate <= 500)) { // written so that NaN fails too
                throw new IllegalArgumentException("rate must be 0 to 500 donations per second, was " + rate);
            }
            if (donors < 1 || donors > 64) {
                throw new IllegalArgumentException("donors must be 1 to 64, was " + donors);
            }
        }
    }

    private final AmanahService service;
    private final SimulatedDonors donors;
    private final Map<String, String> staff;
    private final URI url;

    private Demo(AmanahService service, SimulatedDonors donors, Map<String, String> staff, URI url) {
        this.service = service;
        this.donors = donors;
        this.staff = staff;
        this.url = url;
    }

    /** Starts everything; returns once the donors are sending. */
    public static Demo start(Options options, Clock clock) {
        var environment = new HashMap<String, String>();
        environment.put("AMANAH_DATABASE_DATA_DIR", options.dataDir().toString());
        environment.put("AMANAH_HTTP_HOST", options.host());
        environment.put("AMANAH_HTTP_PORT", Integer.toString(options.port()));
        environment.put("AMANAH_HTTP_SHUTDOWN_GRACE", "5s");
        // A card network's few milliseconds, so the process view has something to show.
        environment.put("AMANAH_GATEWAY_LATENCY_MIN", "5ms");
        environment.put("AMANAH_GATEWAY_LATENCY_MAX", "40ms");
        // Every simulated donor comes from 127.0.0.1: the per-address fraud rules would soon hold
        // them all, so the demo lifts those (the per-card and per-donor rules stay as they are).
        for (var rule : new String[] {"IP_ATTEMPTS", "IP_SMALL_ATTEMPTS", "IP_DISTINCT_CARDS", "IP_DECLINES"}) {
            environment.put("AMANAH_FRAUD_" + rule + "_REVIEW_AT", "500000");
            environment.put("AMANAH_FRAUD_" + rule + "_DENY_AT", "1000000");
        }
        var config = ConfigLoader.load(Optional.empty(), environment);
        var service = AmanahService.start(config, clock);
        try {
            var url = URI.create("http://" + (options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host()) + ":" + service.port() + "/");
            var staff = createStaff(service, clock);
            var preparer = preparerSession(service, clock);
            createCampaigns(url, preparer, clock);
            prepareDistribution(url, service);
            var donors = new SimulatedDonors(url, preparer);
            if (options.rate() > 0) {
                donors.start(options.donors(), options.rate(), options.seed());
            }
            return new Demo(service, donors, staff, url);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    /**
     * A dashboard session of the demo's preparer, yusuf, for what the demo does through the staff
     * API (creating campaigns, the donors' refunds): those need a member of staff who may prepare,
     * as on the staff pages. Opened here rather than through the login form, as the accounts are
     * made here; it lasts a year so that a long-running demo's refunds do not start failing.
     */
    static StaffSession preparerSession(AmanahService service, Clock clock) {
        var sessions = new StaffSessions(service.database(), clock, Duration.ofDays(365));
        var token = sessions.open(new StaffMember("yusuf", Role.PREPARER));
        return new StaffSession(token, sessions.find(token).orElseThrow().csrfToken());
    }

    private static void createCampaigns(URI url, StaffSession preparer, Clock clock) {
        var today = LocalDate.now(clock);
        try (var http = HttpClient.newHttpClient()) {
            for (var c : DemoCampaign.SAMPLES) {
                post(http, preparer.sign(HttpRequest.newBuilder(url.resolve("/api/campaigns"))), "{\"id\":\"" + c.id() + "\",\"name\":\""
                        + c.name() + "\",\"fundType\":\"" + c.fundType() + "\",\"goalMinor\":" + c.goalMinor() + ",\"currency\":\""
                        + c.currency() + "\",\"startsOn\":\"" + today.minusDays(1) + "\",\"endsOn\":\"" + today.plusYears(1) + "\"}", 201);
                post(http, preparer.sign(HttpRequest.newBuilder(url.resolve("/api/campaigns/" + c.id() + "/state"))),
                        "{\"state\":\"ACTIVE\"}", 200);
            }
        }
    }

    /**
     * Four founding gifts of £250 to the zakat fund, then a plan prepared by yusuf to pay £600 of
     * it to three households: it waits for an approver (amina) on the distributions page.
     */
    private static void prepareDistribution(URI url, AmanahService service) {
        var fund = DemoCampaign.SAMPLES.stream().filter(c -> c.fundType().equals("ZAKAT")).findFirst().orElseThrow();
        try (var http = HttpClient.newHttpClient()) {
            for (int i = 1; i <= 4; i++) {
                post(http, HttpRequest.newBuilder(url.resolve("/api/donations")).header("Idempotency-Key", "demo-founding-gift-" + i),
                        "{\"campaignId\":\"" + fund.id() + "\",\"amountMinor\":25000,\"currency\":\""
                        + fund.currency() + "\",\"fundType\":\"ZAKAT\",\"donor\":{\"name\":\"Founding donor " + i
                        + "\",\"email\":\"founder" + i + "@example.org\"},\"paymentToken\":\"tok_visa_founder" + i + "\"}", 201);
            }
        }
        service.distributions().prepare(new StaffMember("yusuf", Role.PREPARER), new PlanRequest("zakat-households-1", fund.id(),
                Money.ofMinor(60_000, Currency.getInstance(fund.currency())), List.of(
                        share("household-a", "Household A (family of six)", ZakatCategory.POOR, 2),
                        share("household-b", "Household B (widow, two children)", ZakatCategory.NEEDY, 1),
                        share("household-c", "Household C (medical debt)", ZakatCategory.DEBTORS, 1))));
    }

    private static RecipientShare share(String id, String name, ZakatCategory category, int ratio) {
        return new RecipientShare(id, name, Optional.of(category), "acct_" + id, BigDecimal.valueOf(ratio));
    }

    private static void post(HttpClient http, HttpRequest.Builder request, String body, int expected) {
        try {
            var built = request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            var response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("demo set-up: " + built.uri() + " answered " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the demo's set-up", e);
        }
    }

    private static Map<String, String> createStaff(AmanahService service, Clock clock) {
        var accounts = new StaffAccounts(service.database(), new Passwords(DEMO_PASSWORD_COST), clock);
        var staff = new LinkedHashMap<String, String>();
        for (var entry : Map.of("amina", Role.APPROVER, "yusuf", Role.PREPARER, "omar", Role.VIEWER).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            var password = Tokens.random().substring(0, 16);
            accounts.add(entry.getKey(), password, entry.getValue());
            staff.put(entry.getKey() + " (" + entry.getValue().name().toLowerCase(Locale.ROOT) + ")", password);
        }
        return staff;
    }

    /** The dashboard's address. */
    public URI url() {
        return url;
    }

    /** The demo staff accounts: "name (role)" to password. */
    public Map<String, String> staff() {
        return staff;
    }

    /** The running service. */
    public AmanahService service() {
        return service;
    }

    /** Donations accepted so far by the simulated donors. */
    public long accepted() {
        return donors.accepted.get();
    }

    /** Donations the sandbox declined so far. */
    public long declined() {
        return donors.declined.get();
    }

    /** Refunds posted so far. */
    public long refunded() {
        return donors.refunded.get();
    }

    /** Stops the donors, then drains and stops the service. */
    public void stop() {
        donors.stop();
        service.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
