package dev.amanah.bench.floor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the floor's processes: bare virtual threads, counted so the harness can check that none
 * is left running after a workload.
 */
public final class FloorThreads {
    private static final AtomicLong LIVE = new AtomicLong();
    private static final Thread.Builder.OfVirtual THREADS = Thread.ofVirtual();

    private FloorThreads() {
    }

    /** Starts {@code body} on a new virtual thread. */
    public static Thread start(Runnable body) {
        LIVE.incrementAndGet();
        return THREADS.start(() -> {
            try {
                body.run();
            } finally {
                LIVE.decrementAndGet();
            }
        });
    }

    /** Floor threads started and not yet ended. */
    public static long live() {
        return LIVE.get();
    }
}
