package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.otp.Processes;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The donation service started for a benchmark run on a {@link BenchDatabase}: its own defaults
 * (the sandbox provider answering at once, its journal without fsync), a free port on 127.0.0.1,
 * the fraud rules per IP address raised, since every benchmark client shares 127.0.0.1 (the
 * rules per card, e-mail and donor stay: each donation has its own), and a validation timeout of
 * 30 s instead of 2 s (see {@link #start}). Started and stopped from a
 * process of its own, so no harness thread is adopted as a process and left behind.
 */
final class BenchService implements AutoCloseable {
    /** The campaign every benchmark donation goes to. */
    static final String CAMPAIGN = "bench";

    // Held strongly: java.util.logging keeps loggers only weakly and would forget the levels.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.helidon"), Logger.getLogger("org.flywaydb"),
            Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("io.zonky"));

    private final AmanahService service;

    private BenchService(AmanahService service) {
        this.service = service;
    }

    static BenchService start(BenchDatabase database) throws InterruptedException {
        return start(database, Map.of());
    }

    /** {@link #start(BenchDatabase)} with more settings, as environment variables (e.g. {@code AMANAH_DISTRIBUTION_MAX_CONCURRENCY}). */
    static BenchService start(BenchDatabase database, Map<String, String> settings) throws InterruptedException {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        var environment = new HashMap<>(database.environment());
        environment.putAll(settings);
        environment.put("AMANAH_HTTP_HOST", "127.0.0.1");
        environment.put("AMANAH_HTTP_PORT", "0");
        // The 2 s default refuses donations whose campaign check waits longer than that for SQLite's
        // one connection behind the writes of the other clients: a limit of the store that the
        // throughput row must show as a rate, not as refusals (the latency rows show the waits).
        environment.put("AMANAH_TIMEOUTS_VALIDATION", "30s");
        // The campaign is created through the API, which takes that from a preparer only.
        environment.put("AMANAH_STAFF_ACCOUNTS", HttpDonations.STAFF_ACCOUNT);
        for (var rule : List.of("IP_ATTEMPTS", "IP_SMALL_ATTEMPTS", "IP_DISTINCT_CARDS", "IP_DECLINES")) {
            environment.put("AMANAH_FRAUD_" + rule + "_REVIEW_AT", "1000000");
            environment.put("AMANAH_FRAUD_" + rule + "_DENY_AT", "1000000");
        }
        var config = ConfigLoader.load(Optional.empty(), Map.copyOf(environment));
        var started = inProcess(() -> AmanahService.start(config, Clock.systemUTC()));
        var bench = new BenchService(started);
        try (var api = new HttpDonations(started.port())) {
            api.createActiveCampaign(CAMPAIGN);
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
        return bench;
    }

    AmanahService service() {
        return service;
    }

    int port() {
        return service.port();
    }

    /** Checks the database: {@code count} donations receipted to the campaign, raising {@code total} minor units. */
    void checkRecorded(String scenario, long count, long total) {
        var database = service.database();
        var clock = Clock.systemUTC();
        var campaigns = new CampaignStore(database, clock);
        var totals = new DonationStore(database, clock, new LedgerStore(database, clock), campaigns).totals(CAMPAIGN);
        BenchmarkFailure.check(totals.donationCount() == count && totals.raised().minorUnits() == total,
                () -> scenario + ": the database holds " + totals.donationCount() + " donations raising "
                        + totals.raised().minorUnits() + ", expected " + count + " raising " + total);
    }

    @Override
    public void close() throws InterruptedException {
        inProcess(() -> {
            service.stop();
            return null;
        });
    }

    /** Runs {@code work} in a process of its own, waits for it, and returns its result or throws its failure. */
    static <T> T inProcess(Callable<T> work) throws InterruptedException {
        var result = new AtomicReference<T>();
        var failure = new AtomicReference<Throwable>();
        var done = new CountDownLatch(1);
        Processes.spawn(() -> {
            try {
                result.set(work.call());
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return result.get();
    }
}
