package dev.amanah.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts parties that finished, and keeps the first failure among them, so that the thread that
 * times a workload can wait for its end and learn whether it went right.
 *
 * <p>Thread-safe. A party calls {@link #done()} once when it has finished its work, or
 * {@link #fail(Throwable)} if its work went wrong; a failure releases the waiter at once.
 */
public final class Completion {
    /** How long {@link #await(String)} waits before declaring a workload stuck. */
    public static final Duration PATIENCE = Duration.ofMinutes(3);

    private final CountDownLatch latch;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** A completion that waits for {@code parties} calls to {@link #done()}. */
    public Completion(int parties) {
        latch = new CountDownLatch(parties);
    }

    /** Records that one party finished. */
    public void done() {
        latch.countDown();
    }

    /** Records a failure (the first one is kept) and releases the waiter. */
    public void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        while (latch.getCount() > 0) {
            latch.countDown();
        }
    }

    /**
     * Wraps {@code body} so that it calls {@link #done()} when it returns and
     * {@link #fail(Throwable)} (then rethrows) when it throws.
     */
    public Runnable guard(Runnable body) {
        return () -> {
            try {
                body.run();
                done();
            } catch (RuntimeException | Error e) {
                fail(e);
                throw e;
            }
        };
    }

    /**
     * Waits until every party is done, at most {@link #PATIENCE}.
     *
     * @param what names what is awaited, for the failure message
     * @throws BenchmarkFailure if a party failed, or the wait timed out
     */
    public void await(String what) throws InterruptedException {
        boolean finished = latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        var cause = failure.get();
        if (cause != null) {
            var error = new BenchmarkFailure(what + ": failed: " + cause);
            error.initCause(cause);
            throw error;
        }
        if (!finished) {
            throw new BenchmarkFailure(what + ": " + latch.getCount() + " parties still unfinished after "
                    + PATIENCE);
        }
    }
}
