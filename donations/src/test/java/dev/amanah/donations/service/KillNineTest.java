package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.SandboxGateway;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.finance.ledger.Account;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactly-once under {@code kill -9}: the service runs in a JVM of its own; concurrent clients
 * send donations with idempotency keys; the JVM is killed when {@code killAfter} answers have
 * come back (so mid-load, with requests in every phase); it is started again on the same data,
 * and every request that got no final answer is retried with its key until it gets one. Then:
 * every donation a client saw accepted exists exactly once and is receipted, no donation is left
 * unfinished, the sandbox charged each key at most once (a key charged iff its donation is
 * receipted), the ledger balances, and the campaign's ledger balance, its database totals and its
 * live statistics all equal the sum of the accepted donations.
 *
 * <p>The sandbox answers in 1 to 8 ms and loses 2 % of answers, times out 1 %, fails 1 % (all
 * retried with the same key), so charges are in flight when the kill lands. Fraud limits are
 * raised: every client shares 127.0.0.1, which card testing rules would rightly hold.
 */
class KillNineTest {
    private static final int DONATIONS = 600;
    private static final int CLIENTS = 12;
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path dir;

    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Api.Reply> finalAnswers = new ConcurrentHashMap<>();

    /**
     * Where to kill: three points (early, middle, late) by default; {@code -Dkill9.runs=N} spreads
     * N kill points over the load, for a soak ({@code donations/kill9-soak 20}).
     */
    static IntStream killPoints() {
        return spreadKillPoints(Integer.getInteger("kill9.runs", 3));
    }

    /** {@code runs} kill points spread from the 40th answer to the 120th before the last. */
    static IntStream spreadKillPoints(int runs) {
        return IntStream.range(0, runs).map(run -> 40 + run * (DONATIONS - 120) / Math.max(1, runs - 1));
    }

    @ParameterizedTest(name = "kill after {0} answers")
    @MethodSource("killPoints")
    void everyAcceptedDonationExistsOnceAndNobodyIsChargedTwice(int killAfter) throws Exception {
        // Kept where a failed run can be read, beside surefire's reports.
        var log = Path.of("target", "kill9", "service-" + databaseName() + "-kill-after-" + killAfter + ".log");
        java.nio.file.Files.createDirectories(log.getParent());
        java.nio.file.Files.deleteIfExists(log);
        var environment = environment();
        environment.putAll(databaseEnvironment());
        try (var first = ServiceProcess.start(log, environment, Duration.ofSeconds(90))) {
            var api = new Api(first.port());
            api.activeCampaign("ramadan");
            sendAll(api, first, killAfter);
        }
        try (var second = ServiceProcess.start(log, environment, Duration.ofSeconds(90))) {
            var api = new Api(second.port());
            retryUnanswered(api);
            var liveRaised = liveRaised(api, acceptedSum());
            second.stop();
            assertThat(liveRaised).as("live statistics").isEqualTo(acceptedSum());
        }
        audit();
    }

    /** The database's name in log files. */
    String databaseName() {
        return "sqlite";
    }

    /** The service's database settings: none, so SQLite in its data directory. */
    Map<String, String> databaseEnvironment() {
        return Map.of();
    }

    /** The database the service used, opened for the audit. */
    DatabaseConfig auditDatabase() {
        return DatabaseConfig.sqlite(dir.resolve("data").resolve("amanah.db"));
    }

    private Map<String, String> environment() {
        var environment = new HashMap<String, String>();
        environment.put("AMANAH_DATABASE_DATA_DIR", dir.resolve("data").toString());
        environment.put("AMANAH_HTTP_HOST", "127.0.0.1");
        environment.put("AMANAH_HTTP_PORT", "0");
        environment.put("AMANAH_STAFF_ACCOUNTS", TestServices.staffAccount()); // who creates the campaign
        environment.put("AMANAH_GATEWAY_LATENCY_MIN", "1ms");
        environment.put("AMANAH_GATEWAY_LATENCY_MAX", "8ms");
        environment.put("AMANAH_GATEWAY_LOST_RESPONSE_PER_MILLE", "20");
        environment.put("AMANAH_GATEWAY_TIMEOUT_PER_MILLE", "10");
        environment.put("AMANAH_GATEWAY_SERVER_ERROR_PER_MILLE", "10");
        environment.put("AMANAH_GATEWAY_BACKOFF_BASE", "1ms");
        environment.put("AMANAH_GATEWAY_BACKOFF_MAX", "4ms");
        environment.put("AMANAH_GATEWAY_BREAKER_FAILURES", "1000");
        for (var rule : List.of("IP_ATTEMPTS", "IP_SMALL_ATTEMPTS", "IP_DISTINCT_CARDS", "IP_DECLINES")) {
            environment.put("AMANAH_FRAUD_" + rule + "_REVIEW_AT", "1000000");
            environment.put("AMANAH_FRAUD_" + rule + "_DENY_AT", "1000000");
        }
        return environment;
    }

    /** Sends every donation from concurrent clients; kills the service once {@code killAfter} answers came. */
    private void sendAll(Api api, ServiceProcess service, int killAfter) throws Exception {
        for (int i = 0; i < DONATIONS; i++) {
            var key = "k9-" + i;
            var token = i % 25 == 7 ? "tok_declined_" + i : "tok_visa_" + i;
            bodies.put(key, Api.donation("ramadan", 100 + (i * 37L) % 9900, token).replace("aisha@", "donor" + i + "@"));
        }
        var answered = new AtomicInteger();
        var killed = new CountDownLatch(1);
        var next = new AtomicInteger();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < DONATIONS; i = next.getAndIncrement()) {
                        var key = "k9-" + i;
                        try {
                            var reply = api.donate(key, bodies.get(key));
                            if (isFinal(reply)) {
                                finalAnswers.put(key, reply);
                            }
                            if (answered.incrementAndGet() == killAfter) {
                                killed.countDown();
                            }
                        } catch (UncheckedIOException unanswered) {
                            // The service died under this request: retried after the restart.
                        }
                    }
                    return null;
                });
            }
            assertThat(killed.await(120, TimeUnit.SECONDS)).as("answers before the kill").isTrue();
            service.kill();
        }
    }

    /** After the restart: every request without a final answer, again with its key, until it has one. */
    private void retryUnanswered(Api api) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        for (var key : new ArrayList<>(bodies.keySet())) {
            while (!finalAnswers.containsKey(key)) {
                assertThat(Instant.now()).as("a final answer for " + key).isBefore(deadline);
                var reply = api.donate(key, bodies.get(key));
                if (isFinal(reply)) {
                    finalAnswers.put(key, reply);
                } else {
                    Thread.sleep(20);
                }
            }
        }
    }

    /** Transient answers (in flight, pending, still processing, crashed) are retried; the rest are final. */
    private static boolean isFinal(Api.Reply reply) {
        return !(reply.status() == 409 || reply.status() == 500
                || reply.status() == 503 && List.of("PAYMENT_PENDING", "STILL_PROCESSING").contains(reply.error()));
    }

    private long acceptedSum() {
        return finalAnswers.values().stream().filter(reply -> reply.status() == 201)
                .mapToLong(reply -> reply.json().get("amountMinor").asLong()).sum();
    }

    private static long liveRaised(Api api, long expected) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(20));
        long raised;
        do {
            raised = api.get("/api/campaigns/ramadan").json().path("stats").path("raisedMinor").asLong(-1);
            if (raised == expected) {
                return raised;
            }
            Thread.sleep(20);
        } while (Instant.now().isBefore(deadline));
        return raised;
    }

    private void audit() {
        var clock = Clock.systemUTC();
        var charges = SandboxGateway.readChargeCounts(dir.resolve("data").resolve("sandbox-journal.log"));
        try (var database = Database.open(auditDatabase())) {
            var campaigns = new CampaignStore(database, clock);
            var ledger = new LedgerStore(database, clock);
            var donations = new DonationStore(database, clock, ledger, campaigns);

            assertThat(donations.unfinished()).as("donations left unfinished").isEmpty();
            assertThat(charges.values()).as("charges per key").allSatisfy(count -> assertThat(count).isEqualTo(1L));
            for (var entry : finalAnswers.entrySet()) {
                var key = entry.getKey();
                var found = donations.findByIdempotencyKey(key);
                if (entry.getValue().status() == 201) {
                    assertThat(found).as(key).hasValueSatisfying(d -> assertThat(d.phase()).isEqualTo(DonationPhase.RECEIPTED));
                    assertThat(entry.getValue().json().get("donationId").asText()).isEqualTo(found.orElseThrow().id());
                    assertThat(charges).as("charged " + key).containsEntry(key, 1L);
                } else {
                    assertThat(found.map(d -> d.phase())).as(key + " " + entry.getValue()).isNotEqualTo(java.util.Optional.of(DonationPhase.RECEIPTED));
                    assertThat(charges).as("not charged " + key).doesNotContainKey(key);
                }
            }
            assertThat(finalAnswers).hasSize(DONATIONS);
            var accepted = acceptedSum();
            assertThat(ledger.creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).as("campaign balance").isEqualTo(accepted);
            assertThat(ledger.balance(Account.clearing(AmanahService.GATEWAY), GBP).minorUnits()).as("clearing").isEqualTo(accepted);
            assertThat(donations.totals("ramadan").raised().minorUnits()).as("database totals").isEqualTo(accepted);
            assertThat(ledger.balances().stream().mapToLong(b -> b.balance().minorUnits()).sum()).as("ledger sums to zero").isZero();
        }
    }
}
