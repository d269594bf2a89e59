package dev.amanah.bench.compare;

import dev.amanah.otp.Processes;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where a run's timed code runs: it returns the nanoseconds it measured, or throws if a result
 * was wrong, and the caller gets that back (a failure wrapped in an
 * {@link java.util.concurrent.ExecutionException}). The caller waits at most two minutes.
 */
final class Timed {
    private Timed() {
    }

    /** Runs {@code timed} in a new process: Amanah's workloads, whose code must run in one. */
    static long inProcess(Callable<Long> timed) throws Exception {
        var elapsed = new CompletableFuture<Long>();
        Processes.spawn(() -> complete(elapsed, timed));
        return elapsed.get(2, TimeUnit.MINUTES);
    }

    /** Runs {@code timed} in a virtual thread, and waits for it to end: the floors. */
    static long inVirtualThread(Callable<Long> timed) throws Exception {
        var elapsed = new CompletableFuture<Long>();
        Thread.ofVirtual().start(() -> complete(elapsed, timed)).join();
        return elapsed.get(2, TimeUnit.MINUTES);
    }

    private static void complete(CompletableFuture<Long> elapsed, Callable<Long> timed) {
        try {
            elapsed.complete(timed.call());
        } catch (Throwable failure) {
            elapsed.completeExceptionally(failure);
        }
    }
}
