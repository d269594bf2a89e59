package dev.amanah.bench.seed;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import java.util.Map;

/**
 * {@code seed_realtime}, the seed's {@code RealtimeProcessor} at scale: 10,000 caller processes at
 * once each {@code GenServer.call} one processor server with one donation; for each call the server
 * starts a task under a task supervisor and returns without replying; the task runs the seed's four
 * validations as four concurrent tasks (amount: at once; campaign 50 ms, fraud 100 ms, donor 75 ms,
 * the seed's delays), awaits them all, and replies to the caller: processed with the amount, or
 * rejected when a validation failed (every 100th donation has amount zero). Timed from the callers'
 * go until every caller has its answer. Checked: the processed total (minor units) and the
 * rejected count are exactly those expected.
 */
public final class RealtimeDonations {
    static final int CALLERS = 10_000;

    private RealtimeDonations() {
    }

    /** The scenario: Amanah here, the BEAM in {@code bench/beam/seed_realtime.exs}. */
    public static Scenario scenario() {
        return new Scenario("seed_realtime", Counts.label(CALLERS) + " concurrent callers of one processor GenServer,"
                + " each donation validated by four concurrent tasks (0/50/100/75 ms)",
                Map.of(Contender.AMANAH, new WithLivePeak(new AmanahRealtimeDonations(), scale -> metrics(callers(scale)))));
    }

    static int callers(Scale scale) {
        return scale.count(CALLERS);
    }

    static SeedMetrics metrics(int callers) {
        return new SeedMetrics("seed realtime: " + Counts.label(callers) + " concurrent callers × 4 concurrent validations",
                "donations");
    }

    /** Caller {@code i}'s donation in minor units: zero (rejected) for every 100th. */
    static long amount(int i) {
        return VerifyDonations.amount(i);
    }

    static void check(int callers, long processedTotal, long rejected) {
        VerifyDonations.checkTotals("seed_realtime", "processed", callers, processedTotal, rejected);
    }
}
