package dev.amanah.bench.asyncstream;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorThreads;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * {@link AsyncStreamScenario} on the floor: {@code Gatherers.mapConcurrent}, twice (once for each
 * row; it is ordered both times), consumed in a virtual thread.
 */
final class FloorAsyncStream implements Workload {

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int items = scale.count(AsyncStreamScenario.ITEMS);
        var first = new AtomicLong();
        var second = new AtomicLong();
        var done = new Completion(1);
        var driver = FloorThreads.start(done.guard(() -> {
            first.set(timeOrdered(items));
            second.set(timeOrdered(items));
        }));
        done.await("async_stream on the floor");
        driver.join();
        return AsyncStreamScenario.samples(items, first.get(), second.get());
    }

    private static long timeOrdered(int items) {
        long start = System.nanoTime();
        var count = new long[1];
        try (var results = MapConcurrent.<Integer, Integer>apply(IntStream.range(0, items).boxed(),
                AsyncStreamScenario.maxConcurrency(), n -> n)) {
            results.forEachOrdered(result -> AsyncStreamScenario.checkOrdered(count[0]++, result));
        }
        long elapsed = System.nanoTime() - start;
        AsyncStreamScenario.checkCount(items, count[0]);
        return elapsed;
    }
}
