package dev.amanah.bench.compare;

import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code task_await} on the floor, as the harness runs it: in a virtual thread, the JDK's
 * virtual-thread-per-task executor, {@code submit} per task, then {@code get} on each in order.
 */
public final class TaskAwaitFloorRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        return Timed.inVirtualThread(() -> {
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                long start = System.nanoTime();
                var futures = new ArrayList<Future<Integer>>(size);
                for (int i = 0; i < size; i++) {
                    int index = i;
                    futures.add(executor.submit(() -> index));
                }
                var results = Futures.getInOrder(futures);
                long nanos = System.nanoTime() - start;
                Check.indices("task_await on the floor", results, size);
                return nanos;
            }
        });
    }
}
