package dev.amanah.bench.seed;

import dev.amanah.bench.Heap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest live heap seen while a workload runs, above the live heap before or after it
 * (whichever is lower: the start may still hold what an earlier run leaves behind for a moment): a
 * daemon platform thread forces a full collection and reads the heap left in use, again and again
 * until {@link #stop()}, pausing {@value #MIN_PAUSE_MILLIS} ms between collections, or
 * {@value #PAUSE_PER_COLLECTION} times as long as the last collection took if that is longer, so
 * that the workload keeps at least four fifths of the time. What remains after a full collection
 * is live (a parked virtual thread's stack is on the heap, so it counts), the figure the BEAM's
 * {@code :erlang.memory(:total)} is close to, thanks to its per-process collection; both are
 * sampled, so a peak shorter than the interval may be missed on either side.
 *
 * <p>The collections stop the world and slow the run down: use it only on a run that is not
 * timed. One sampler per run; {@code stop} is called once, by the thread that started it.
 */
final class LivePeak {
    private static final long MIN_PAUSE_MILLIS = 10;
    private static final long PAUSE_PER_COLLECTION = 4;

    private final long start = Heap.usedAfterGc();
    private final AtomicLong peak = new AtomicLong(start);
    private volatile boolean running = true;
    private final Thread sampler = Thread.ofPlatform().daemon().name("bench-live-peak").start(this::sample);

    private void sample() {
        while (running) {
            long began = System.nanoTime();
            peak.accumulateAndGet(Heap.usedAfterGc(), Math::max);
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            try {
                Thread.sleep(Math.max(MIN_PAUSE_MILLIS, PAUSE_PER_COLLECTION * tookMillis));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling; returns the peak live heap above the lower of start and end, in bytes (never negative). */
    long stop() throws InterruptedException {
        running = false;
        sampler.join();
        long end = Heap.usedAfterGc();
        return Math.max(peak.get(), end) - Math.min(start, end);
    }
}
