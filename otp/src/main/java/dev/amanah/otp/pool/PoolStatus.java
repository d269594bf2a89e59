package dev.amanah.otp.pool;

/**
 * A snapshot of a {@link WorkerPool}, as poolboy's {@code status/1}.
 *
 * @param idle     workers ready for a checkout
 * @param busy     workers checked out
 * @param overflow workers running beyond the pool's size (all of them busy)
 * @param waiting  callers waiting for a worker, in line
 */
public record PoolStatus(int idle, int busy, int overflow, int waiting) {

    /** Workers alive and known to the pool: idle plus busy. */
    public int workers() {
        return idle + busy;
    }
}
