package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import java.math.BigInteger;
import java.util.Map;

/**
 * {@code seed_zakat}, the seed's {@code ConcurrentDistributor} at scale: a zakat pool of
 * 1,234,567,890.12 USD split among 100,000 recipients in proportion to weights 1 to 7 (recipient
 * {@code i} weighs {@code 1 + i mod 7}) by exact allocation (largest remainder in minor units:
 * {@code Allocator.byRatios} on Amanah, the same method in integers on the BEAM), then one
 * transfer per recipient, at most 1,000 at once ({@code Task.asyncStream} /
 * {@code Task.async_stream}): a simulated 1 ms payment, then a {@code GenServer.call} crediting
 * the recipient on a ledger server. Timed from the allocation's start until every transfer is
 * credited. Checked: the ledger credited every recipient once and its total is the pool to the
 * minor unit, and every part is within one minor unit of its exact share.
 */
public final class ZakatDistribution {
    static final int RECIPIENTS = 100_000;
    static final int MAX_CONCURRENCY = 1_000;
    /** The pool, in US cents. */
    static final long POOL_MINOR = 123_456_789_012L;

    private ZakatDistribution() {
    }

    /** The scenario: Amanah here, the BEAM in {@code bench/beam/seed_zakat.exs}. */
    public static Scenario scenario() {
        return new Scenario("seed_zakat", "a zakat pool allocated exactly among " + Counts.label(RECIPIENTS)
                + " recipients, then concurrent transfers (1 ms each, maxConcurrency " + Counts.label(MAX_CONCURRENCY)
                + ") credited on a ledger GenServer",
                Map.of(Contender.AMANAH, new WithLivePeak(new AmanahZakatDistribution(), scale -> metrics(recipients(scale)))));
    }

    static int recipients(Scale scale) {
        return scale.count(RECIPIENTS);
    }

    static SeedMetrics metrics(int recipients) {
        return new SeedMetrics("seed zakat: " + Counts.label(recipients) + " recipients, exact allocation + "
                + "transfers, maxConcurrency " + Counts.label(MAX_CONCURRENCY), "transfers");
    }

    /** Recipient {@code i}'s weight. */
    static int weight(int i) {
        return 1 + i % 7;
    }

    /** Checks that every part is its exact share's floor or ceiling: |part × W − pool × wᵢ| < W. */
    static void checkShares(long[] parts) {
        long weights = 0;
        for (int i = 0; i < parts.length; i++) {
            weights += weight(i);
        }
        var total = BigInteger.valueOf(weights);
        for (int i = 0; i < parts.length; i++) {
            var gap = BigInteger.valueOf(parts[i]).multiply(total)
                    .subtract(BigInteger.valueOf(POOL_MINOR).multiply(BigInteger.valueOf(weight(i)))).abs();
            int recipient = i;
            BenchmarkFailure.check(gap.compareTo(total) < 0, () ->
                    "seed_zakat: recipient " + recipient + " got " + parts[recipient] + ", not within a unit of its share");
        }
    }

    /** Checks the ledger: every recipient credited once, the total is the pool. */
    static void checkLedger(int recipients, long credits, long creditedTotal) {
        BenchmarkFailure.check(credits == recipients && creditedTotal == POOL_MINOR, () -> "seed_zakat: the ledger has "
                + credits + " credits for " + recipients + " recipients, " + creditedTotal + " of " + POOL_MINOR);
    }
}
