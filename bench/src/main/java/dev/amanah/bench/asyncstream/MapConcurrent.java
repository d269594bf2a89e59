package dev.amanah.bench.asyncstream;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The JDK's {@code Gatherers.mapConcurrent} (JDK 24+), reached through method handles because the
 * module compiles for Java 21. Only building the pipeline goes through them; the elements flow
 * through the JDK's own code. Public, and dependent on the JDK alone, because {@code bench/compare}
 * compiles it with its own workloads for {@code async_stream}'s floor.
 */
public final class MapConcurrent {
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

    private MapConcurrent() {
    }

    /** Whether this JDK has {@code Gatherers.mapConcurrent}. */
    public static boolean available() {
        return MAP_CONCURRENT != null;
    }

    /** {@code input.gather(Gatherers.mapConcurrent(maxConcurrency, mapper))}. */
    @SuppressWarnings("unchecked")
    public static <T, R> Stream<R> apply(Stream<T> input, int maxConcurrency, Function<? super T, ? extends R> mapper) {
        try {
            Object gatherer = MAP_CONCURRENT.invoke(maxConcurrency, (Function<?, ?>) mapper);
            return (Stream<R>) GATHER.invoke(input, gatherer);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Gatherers.mapConcurrent failed", e);
        }
    }
}
