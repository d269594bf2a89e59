package dev.amanah.bench.compare;

/**
 * One measured run of a workload, as {@link Compare} calls it: {@code size} operations, timed,
 * their results checked. Each build's own class loader loads its implementations, so that every
 * build runs the same source compiled against its own {@code otp}.
 */
interface Run {
    /**
     * Runs {@code size} operations and returns the nanoseconds they took, or throws if a result
     * was wrong. Leaves nothing running.
     */
    long nanos(int size) throws Exception;
}
