package dev.amanah.bench.compare;

/**
 * {@code spawn_future} on the floor: one virtual thread starts {@code size} bare virtual threads,
 * each running a {@code FutureTask} that gives its index, then calls {@code get} on each in order.
 * No executor: nothing tracks the threads but the JDK's own root container.
 */
public final class SpawnFutureFloorRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        return Timed.inVirtualThread(() -> SpawnFutureRun.startAndGet("spawn_future on the floor", size,
                future -> Thread.ofVirtual().start(future)));
    }
}
