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
        MethodHandle mapConcurrent = null;
        MethodHandle gather = null;
        try {
            var gatherer = Class.forName("java.util.stream.Gatherer");
            var lookup = MethodHandles.publicLookup();
            mapConcurrent = lookup.findStatic(Class.forName("java.util.stream.Gatherers"), "mapConcurrent",
                    MethodType.methodType(gatherer, int.class, Function.class));
            gather = lookup.findVirtual(Stream.class, "gather", MethodType.methodType(Stream.class, gatherer));
        } catch (ReflectiveOperationException absentBefore24) {
            mapConcurrent = null;
            gather = null;
        }
        MAP_CONCURRENT = mapConcurrent;
        GATHER = gather;
    }

    /**
     * @throws IllegalArgumentException on a JDK without {@code Gatherers.mapConcurrent}, which
     *                                  {@code Compare} reports as a bad argument
     */
    @Override
    public long nanos(int size) throws Exception {
        if (MAP_CONCURRENT == null) {
            throw new IllegalArgumentException("async_stream has no floor on JDK " + Runtime.version()
                    + ": Gatherers.mapConcurrent came in JDK 24");
        }
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
