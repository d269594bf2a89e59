package dev.amanah.bench.asyncstream;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/** {@link AsyncStreamScenario} on Amanah: {@code Task.asyncStream}, ordered then unordered, consumed in a process. */
final class AmanahAsyncStream implements Workload {

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int items = scale.count(AsyncStreamScenario.ITEMS);
        var ordered = new AtomicLong();
        var unordered = new AtomicLong();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> {
            ordered.set(timeOrdered(items));
            unordered.set(timeUnordered(items));
        })::run);
        done.await("async_stream on Amanah");
        return AsyncStreamScenario.samples(items, ordered.get(), unordered.get());
    }

    private static StreamOptions options(boolean ordered) {
        return StreamOptions.DEFAULT.withMaxConcurrency(AsyncStreamScenario.maxConcurrency()).withOrdered(ordered);
    }

    private static long timeOrdered(int items) {
        long start = System.nanoTime();
        var count = new long[1];
        try (var results = Task.<Integer, Integer>asyncStream(IntStream.range(0, items).boxed(), n -> n, options(true))) {
            results.forEach(result -> AsyncStreamScenario.checkOrdered(count[0]++, value(result)));
        }
        long elapsed = System.nanoTime() - start;
        AsyncStreamScenario.checkCount(items, count[0]);
        return elapsed;
    }

    private static long timeUnordered(int items) {
        var seen = new BitSet(items);
        long start = System.nanoTime();
        var count = new long[1];
        try (var results = Task.<Integer, Integer>asyncStream(IntStream.range(0, items).boxed(), n -> n, options(false))) {
            results.forEach(result -> {
                AsyncStreamScenario.checkUnordered(seen, items, value(result));
                count[0]++;
            });
        }
        long elapsed = System.nanoTime() - start;
        AsyncStreamScenario.checkCount(items, count[0]);
        return elapsed;
    }

    private static Integer value(TaskResult<Integer> result) {
        return switch (result) {
            case TaskResult.Ok<Integer>(var value) -> value;
            case TaskResult.Exit<Integer>(var reason) -> throw new BenchmarkFailure("async_stream: a task exited " + reason);
        };
    }
}
