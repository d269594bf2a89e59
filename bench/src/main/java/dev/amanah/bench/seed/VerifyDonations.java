package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code seed_verify}, the seed's {@code BatchProcessor.verify_donations} at scale: 100,000
 * donations, each verified by a simulated external check that takes 1 to 10 ms (a fixed
 * pseudo-random delay per donation, the same on the BEAM), at most 1,000 at once
 * ({@code Task.asyncStream} / {@code Task.async_stream}, ordered, 30 s per check). Every 100th
 * donation has amount zero and is rejected. Timed from the first check until the last result is
 * consumed. Checked: every donation has its result, in order, the rejected count and the verified
 * total (in minor units) are exactly those computed independently. Amanah and the BEAM only.
 */
public final class VerifyDonations {
    static final int DONATIONS = 100_000;
    static final int MAX_CONCURRENCY = 1_000;

    private VerifyDonations() {
    }

    /** The scenario: Amanah here, the BEAM in {@code bench/beam/seed_verify.exs}. */
    public static Scenario scenario() {
        return new Scenario("seed_verify", Counts.label(DONATIONS) + " donations verified by a 1–10 ms check, "
                + "maxConcurrency " + Counts.label(MAX_CONCURRENCY) + " (Task.asyncStream / Task.async_stream)",
                Map.of(Contender.AMANAH, new WithLivePeak(new AmanahVerifyDonations(), scale -> metrics(donations(scale)))));
    }

    static int donations(Scale scale) {
        return scale.count(DONATIONS);
    }

    static SeedMetrics metrics(int donations) {
        return new SeedMetrics("seed verify: " + Counts.label(donations) + " donations, 1–10 ms check, maxConcurrency "
                + Counts.label(MAX_CONCURRENCY), "donations");
    }

    /** The check's delay for donation {@code i}: 1 to 10 ms. */
    static long delayMillis(int i) {
        return 1 + (i * 7919L + 13) % 10;
    }

    /** Donation {@code i}'s amount in minor units: zero (invalid) for every 100th, else 5.00 to 1,004.99. */
    static long amount(int i) {
        return i % 100 == 99 ? 0 : 500 + (i * 31L) % 100_000;
    }

    /** Checks the totals against those computed here, donation by donation. */
    static void check(int donations, long verifiedTotal, long rejected) {
        checkTotals("seed_verify", "verified", donations, verifiedTotal, rejected);
    }

    /**
     * Checks that the first {@code donations} donations, by {@link #amount}, came to {@code total}
     * with {@code rejected} zero amounts; {@code scenario} and {@code verb} word the failure.
     */
    static void checkTotals(String scenario, String verb, int donations, long total, long rejected) {
        long expectedTotal = IntStream.range(0, donations).mapToLong(VerifyDonations::amount).sum();
        long expectedRejected = IntStream.range(0, donations).filter(i -> amount(i) == 0).count();
        BenchmarkFailure.check(total == expectedTotal && rejected == expectedRejected, () -> scenario + ": "
                + verb + " " + total + " with " + rejected + " rejections, expected " + expectedTotal + " with "
                + expectedRejected);
    }
}
