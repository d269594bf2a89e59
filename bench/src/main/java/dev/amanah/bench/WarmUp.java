package dev.amanah.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How long each runtime warms up on a scenario before it is measured: repeated warm-up runs until
 * the runtime has spent {@link #budget()} of wall time on the scenario's warm-ups (at most
 * {@link #MAX_RUNS} runs, at least one per size measured).
 *
 * <p>Why a time budget and not one run: the JIT compiles a hot path only after thousands of
 * calls, and then in the background, on the same 2 cores the run uses. One warm-up at a tenth of
 * the counts left cheap scenarios measured half-compiled: {@code task_await} (100,000 tasks in
 * about 0.1 s) got faster until its fifth full-size run, so its ratio depended on how far each
 * runtime's compilation had got, not on the runtimes. A budget in time gives every runtime the
 * same chance, costs a cheap scenario a few seconds and an expensive one nothing (one of its runs
 * exceeds the budget on its own).
 *
 * <p>Sizes: the first warm-up run is at a tenth of the counts when {@link #shortFirst()} (for
 * {@code --all}'s time budget); the following ones are at full size if a full-size run is
 * expected (from that first run) to take under a third of the budget, else at a tenth again. So a
 * cheap scenario warms up on the sizes it is measured at (its arrays, maps and heap) and an
 * expensive one does not blow the budget.
 *
 * <p>The time spent is kept per scenario name and runtime for the whole harness run, so that the
 * points of a scaling curve, whose scenario the table's run already warmed up, take one warm-up
 * run each (at their own size), as before. Not thread-safe: the runner is single-threaded.
 *
 * @param budget     wall time of warm-up runs (collection and quiescence checks included) that a
 *                   runtime gets per scenario
 * @param shortFirst whether the first warm-up runs at a tenth of the counts
 */
record WarmUp(Duration budget, boolean shortFirst, Map<String, Map<Contender, Long>> spent) {
    /**
     * The default budget. {@code task_await} needed about 8 full-size runs of Amanah (under 0.2 s
     * each, plus a collection) before its per-run time stopped improving; 4 s covers that with a
     * margin on a busy machine, and costs {@code --all} at most 4 s per scenario and runtime.
     */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(4);
    /** Warm-up runs per scenario and runtime, at most, however fast they are. */
    static final int MAX_RUNS = 30;

    WarmUp {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative: " + budget);
        }
    }

    /** A policy with {@code budget}, starting a fresh account of the time spent. */
    static WarmUp of(Duration budget, boolean shortFirst) {
        return new WarmUp(budget, shortFirst, new HashMap<>());
    }

    /** One warm-up run, as {@link Runner} does it: returns its wall time in nanoseconds. */
    @FunctionalInterface
    interface Run {
        long at(Scale size) throws Exception;
    }

    /**
     * Warms {@code contender} up on {@code scenario} at {@code scale}: at least one run, then more
     * until the budget of this scenario and runtime is spent or {@link #MAX_RUNS} is reached.
     *
     * @return the number of warm-up runs made
     */
    int warm(String scenario, Contender contender, Scale scale, Run run) throws Exception {
        var account = spent.computeIfAbsent(scenario, name -> new EnumMap<>(Contender.class));
        long budgetNanos = budget.toNanos();
        var firstSize = shortFirst ? tenth(scale) : scale;
        long first = run.at(firstSize);
        long used = account.getOrDefault(contender, 0L) + first;
        int runs = 1;
        // Expected time of a full-size run, from the first (a tenth of the work when short).
        long expectedFull = firstSize == scale ? first : first * 10;
        var size = expectedFull <= budgetNanos / 3 ? scale : firstSize;
        while (used < budgetNanos && runs < MAX_RUNS) {
            used += run.at(size);
            runs++;
        }
        account.put(contender, used);
        return runs;
    }

    /**
     * How much smaller than the measured runs the BEAM's one warm-up run is: 10 when
     * {@link #shortFirst()}, else 1. The BEAM compiles a module to machine code as it loads it, so
     * there is no compiler to wait for: its warm-up primes the allocators and schedulers, which a
     * tenth of the work does; at full size it cost {@code --all} about 1.5 minutes (the twins of
     * {@code spawn}, {@code async_stream} and {@code pool} take 10-25 s a run).
     */
    int beamWarmUpDivisor() {
        return shortFirst ? 10 : 1;
    }

    /** A tenth of {@code scale}'s counts. */
    static Scale tenth(Scale scale) {
        return scale.isPoint() ? Scale.point(Math.max(1, scale.point() / 10)) : new Scale(scale.divisor() * 10);
    }

    /** For the report's parameters line. */
    String describe() {
        return "warm-up runs per runtime until " + budget.toSeconds() + " s of warm-up per scenario (at most "
                + MAX_RUNS + " runs; " + (shortFirst
                        ? "the first at a tenth of the counts, the others at full size when one takes under a third of that;"
                                + " the BEAM's one warm-up at a tenth)"
                        : "at full size; the BEAM's one warm-up too)");
    }
}
