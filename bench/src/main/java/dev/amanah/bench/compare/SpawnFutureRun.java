package dev.amanah.bench.compare;

import dev.amanah.otp.Processes;
import java.util.ArrayList;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

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
        return Timed.inProcess(() -> startAndGet("spawn_future", size, future -> Processes.spawn(future::run)));
    }

    /**
     * The timed part of both sides: starts {@code size} futures with {@code start}, then calls
     * {@code get} on each in order; returns the nanoseconds that took, once the results are
     * checked. Throws if a future fails or takes over a minute.
     */
    static long startAndGet(String workload, int size, Consumer<FutureTask<Integer>> start) throws Exception {
        long begin = System.nanoTime();
        var futures = new ArrayList<FutureTask<Integer>>(size);
        for (int i = 0; i < size; i++) {
            int index = i;
            var future = new FutureTask<>(() -> index);
            futures.add(future);
            start.accept(future);
        }
        var results = Futures.getInOrder(futures);
        long nanos = System.nanoTime() - begin;
        Check.indices(workload, results, size);
        return nanos;
    }
}
