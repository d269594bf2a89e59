package dev.amanah.bench;

import java.util.function.Supplier;

/** A workload produced a wrong result or did not finish: the run is invalid and stops. */
public final class BenchmarkFailure extends RuntimeException {
    /** A failure described by {@code message}, which names the workload and what was wrong. */
    public BenchmarkFailure(String message) {
        super(message);
    }

    /**
     * Throws unless {@code condition} holds.
     *
     * @param what names the check and the values compared, e.g. "ring: final hop count 9999 != 10000";
     *             only called on failure, so that checks on hot paths build no strings
     */
    public static void check(boolean condition, Supplier<String> what) {
        if (!condition) {
            throw new BenchmarkFailure(what.get());
        }
    }
}
