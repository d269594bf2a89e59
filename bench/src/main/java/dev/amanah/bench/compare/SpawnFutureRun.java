package dev.amanah.bench.compare;

import dev.amanah.otp.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * {@code spawn_future}: {@code task_await} without the Task layer. One process spawns
 * {@code size} processes (no link, no monitor), each completing a {@code FutureTask} with its
 * index, then calls {@code get} on each in order. Against its floor, bare virtual threads running
 * the same futures, it measures what a process's own start and end cost; against
 * {@code task_await}, what the Task layer adds (link, monitor, reply and {@code Down} messages).
 */
public final class SpawnFutureRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        Alignment.shuffle();
        return Timed.inProcess(() -> {
            long start = System.nanoTime();
            var futures = new ArrayList<FutureTask<Integer>>(size);
            for (int i = 0; i < size; i++) {
                int index = i;
                var future = new FutureTask<>(() -> index);
                futures.add(future);
                Processes.spawn(future::run);
            }
            List<Integer> results = collect(futures);
            long nanos = System.nanoTime() - start;
            Check.indices("spawn_future", results, size);
            return nanos;
        });
    }

    /** Each future's result, in order; throws if one fails or takes over a minute. */
    static List<Integer> collect(List<FutureTask<Integer>> futures) throws Exception {
        var results = new ArrayList<Integer>(futures.size());
        for (var future : futures) {
            results.add(future.get(1, TimeUnit.MINUTES));
        }
        return results;
    }
}
