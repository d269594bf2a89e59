package dev.amanah.bench.taskawait;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link TaskAwait} on the floor: the JDK's virtual-thread-per-task executor, {@code submit} per
 * task, then {@code get} on each future in order, from a virtual thread. The executor is closed
 * (waiting for its threads) after the clock stops.
 */
final class FloorTaskAwait implements Workload {

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int count = scale.count(TaskAwait.TASKS);
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        var driver = FloorThreads.start(done.guard(() -> {
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                long start = System.nanoTime();
                var futures = new ArrayList<Future<Integer>>(count);
                for (int i = 0; i < count; i++) {
                    int index = i;
                    futures.add(executor.submit(() -> index));
                }
                var results = new ArrayList<Integer>(count);
                for (var future : futures) {
                    results.add(get(future));
                }
                elapsed.set(System.nanoTime() - start);
                TaskAwait.checkResults(count, results);
            }
        }));
        done.await("task_await on the floor");
        driver.join();
        return TaskAwait.samples(count, elapsed.get());
    }

    private static Integer get(Future<Integer> future) {
        try {
            return future.get(TaskAwait.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("task_await on the floor: interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchmarkFailure("task_await on the floor: a task failed: " + e);
        }
    }
}
