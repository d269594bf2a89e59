package dev.amanah.bench.compare;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code async_stream} on the floor, as the harness runs it: in a virtual thread, the JDK's
 * {@code Gatherers.mapConcurrent} (ordered), as many at once as processors. Reached through
 * method handles, since the workloads compile for Java 21 and the gatherer came in 24.
 */
public final class AsyncStreamFloorRun implements Run {
    private static final MethodHandle MAP_CONCURRENT;
    private static final MethodHandle GATHER;

    static {
        try {
            var gatherer = Class.forName("java.util.stream.Gatherer");
            var lookup = MethodHandles.publicLookup();
            MAP_CONCURRENT = lookup.findStatic(Class.forName("java.util.stream.Gatherers"), "mapConcurrent",
                    MethodType.methodType(gatherer, int.class, Function.class));
            GATHER = lookup.findVirtual(Stream.class, "gather", MethodType.methodType(Stream.class, gatherer));
        } catch (ReflectiveOperationException absentBefore24) {
            throw new IllegalStateException("async_stream's floor needs Gatherers.mapConcurrent (JDK 24+), absent from "
                    + Runtime.version(), absentBefore24);
        }
    }

    @Override
    public long nanos(int size) throws Exception {
        var elapsed = new CompletableFuture<Long>();
        int maxConcurrency = Runtime.getRuntime().availableProcessors();
        Thread.ofVirtual().start(() -> {
            try {
                long start = System.nanoTime();
                var next = new int[1];
                try (var results = mapConcurrent(IntStream.range(0, size).boxed(), maxConcurrency)) {
                    results.forEachOrdered(value -> {
                        if (value != next[0]++) {
                            throw new IllegalStateException("async_stream on the floor: item " + (next[0] - 1) + " gave " + value);
                        }
                    });
                }
                long nanos = System.nanoTime() - start;
                if (next[0] != size) {
                    throw new IllegalStateException("async_stream on the floor: " + next[0] + " results for " + size);
                }
                elapsed.complete(nanos);
            } catch (Throwable failure) {
                elapsed.completeExceptionally(failure);
            }
        }).join();
        return elapsed.get(2, TimeUnit.MINUTES);
    }

    @SuppressWarnings("unchecked")
    private static Stream<Integer> mapConcurrent(Stream<Integer> input, int maxConcurrency) throws Throwable {
        Function<Integer, Integer> identity = n -> n;
        Object gatherer = MAP_CONCURRENT.invoke(maxConcurrency, identity);
        return (Stream<Integer>) GATHER.invoke(input, gatherer);
    }
}
