package dev.amanah.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * {@code spawn_future} on the floor: one virtual thread starts {@code size} bare virtual threads,
 * each running a {@code FutureTask} that gives its index, then calls {@code get} on each in order.
 * No executor: nothing tracks the threads but the JDK's own root container.
 */
public final class SpawnFutureFloorRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        return Timed.inVirtualThread(() -> {
            long start = System.nanoTime();
            var futures = new ArrayList<FutureTask<Integer>>(size);
            for (int i = 0; i < size; i++) {
                int index = i;
                var future = new FutureTask<>(() -> index);
                futures.add(future);
                Thread.ofVirtual().start(future);
            }
            List<Integer> results = SpawnFutureRun.collect(futures);
            long nanos = System.nanoTime() - start;
            Check.indices("spawn_future on the floor", results, size);
            return nanos;
        });
    }
}
