package dev.amanah.bench.seed;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest used heap seen while a workload runs, above the used heap at its start: a daemon
 * platform thread samples it every 5 ms until {@link #stop()}. Used heap includes garbage not yet
 * collected (G1 with a 4–8 GiB heap collects lazily), so this is an upper bound on live memory
 * ({@link LivePeak} measures that, on an untimed run). Cheap enough to run beside a timed run.
 * One sampler per run; {@code stop} is called once, by the thread that started it.
 */
public final class PeakHeap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long start = used();
    private final AtomicLong peak = new AtomicLong(start);
    private volatile boolean running = true;
    private final Thread sampler = Thread.ofPlatform().daemon().name("bench-peak-heap").start(this::sample);

    private void sample() {
        while (running) {
            peak.accumulateAndGet(used(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling; returns the peak used heap above the start, in bytes (never negative). */
    public long stop() throws InterruptedException {
        running = false;
        sampler.join();
        peak.accumulateAndGet(used(), Math::max);
        return peak.get() - start;
    }

    private static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
