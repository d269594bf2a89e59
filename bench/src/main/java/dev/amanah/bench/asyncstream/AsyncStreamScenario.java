package dev.amanah.bench.asyncstream;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.Workload;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;

/**
 * {@code async_stream}: 1,000,000 items of trivial work (each maps to itself), at most as many at
 * once as there are processors, consumed to the end; two figures, items per second, ordered and
 * unordered. This is the cost per element of a bounded concurrent map.
 * <ul>
 *   <li>Amanah: {@code Task.asyncStream} with the default options (one task per element, 5 s
 *       timeout each, crashes linked) and {@code withOrdered(true|false)}, consumed in a process;</li>
 *   <li>floor (in the "floor VT+MPSC" column): the JDK's {@code Gatherers.mapConcurrent}, a
 *       virtual thread per element, in a virtual thread. It is always ordered and has no timeout;
 *       the unordered row compares Amanah with a second, separate run of it. It exists on JDK 24
 *       and later only; on an older JDK the floor shows "—".</li>
 * </ul>
 * Checked: ordered, the i-th result is i; unordered, every item's result arrives exactly once.
 * Pekko has no implementation (the issue compares with the JDK only).
 */
public final class AsyncStreamScenario {
    static final int ITEMS = 1_000_000;

    private AsyncStreamScenario() {
    }

    /** The scenario with its implementations (no floor on a JDK without {@code Gatherers}). */
    public static Scenario scenario() {
        var workloads = new EnumMap<Contender, Workload>(Contender.class);
        workloads.put(Contender.AMANAH, new AmanahAsyncStream());
        if (MapConcurrent.available()) {
            workloads.put(Contender.FLOOR_MPSC, new FloorAsyncStream());
        }
        return new Scenario("async_stream", Counts.label(ITEMS) + " trivial items, maxConcurrency = processors,"
                + " ordered and unordered (floor: JDK Gatherers.mapConcurrent, ordered, in the floor VT+MPSC column"
                + (MapConcurrent.available() ? "" : "; absent on this JDK") + ")", workloads);
    }

    static int maxConcurrency() {
        return Runtime.getRuntime().availableProcessors();
    }

    static List<Sample> samples(int items, long orderedNanos, long unorderedNanos) {
        return List.of(
                Sample.rate(metric("ordered", items), items, orderedNanos),
                Sample.rate(metric("unordered", items), items, unorderedNanos));
    }

    private static Metric metric(String mode, int items) {
        return new Metric("async_stream " + mode + " (Amanah Task.asyncStream; floor Gatherers.mapConcurrent): "
                + Counts.label(items) + " items, maxConcurrency " + maxConcurrency() + " (items/s)",
                Metric.Unit.PER_SECOND);
    }

    /** Checks the ordered results as they come: the {@code index}-th is {@code index}. */
    static void checkOrdered(long index, Object result) {
        BenchmarkFailure.check(result instanceof Integer n && n == index, () ->
                "async_stream: result " + index + " was " + result);
    }

    /** Records an unordered result, checking that it is an item not seen before. */
    static void checkUnordered(BitSet seen, int items, Object result) {
        BenchmarkFailure.check(result instanceof Integer n && n >= 0 && n < items && !seen.get(n), () ->
                "async_stream: unexpected or repeated result " + result);
        seen.set((Integer) result);
    }

    static void checkCount(int items, long count) {
        BenchmarkFailure.check(count == items, () -> "async_stream: " + count + " results for " + items + " items");
    }
}
