package dev.amanah.bench.compare;

import dev.amanah.bench.asyncstream.MapConcurrent;
import java.util.stream.IntStream;

/**
 * {@code async_stream} on the floor, as the harness runs it: in a virtual thread, the JDK's
 * {@code Gatherers.mapConcurrent} (ordered), as many at once as processors.
 */
public final class AsyncStreamFloorRun implements Run {

    /**
     * @throws IllegalArgumentException on a JDK without {@code Gatherers.mapConcurrent}, which
     *                                  {@code Compare} reports as a bad argument
     */
    @Override
    public long nanos(int size) throws Exception {
        if (!MapConcurrent.available()) {
            throw new IllegalArgumentException("async_stream has no floor on JDK " + Runtime.version()
                    + ": Gatherers.mapConcurrent came in JDK 24");
        }
        int maxConcurrency = Runtime.getRuntime().availableProcessors();
        return Timed.inVirtualThread(() -> {
            long start = System.nanoTime();
            var order = new Check.InOrder("async_stream on the floor");
            var input = IntStream.range(0, size).boxed();
            try (var results = MapConcurrent.<Integer, Integer>apply(input, maxConcurrency, n -> n)) {
                results.forEachOrdered(order::accept);
            }
            long nanos = System.nanoTime() - start;
            order.expect(size);
            return nanos;
        });
    }
}
