package dev.amanah.bench.spawn;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Heap;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.util.List;
import java.util.Map;

/**
 * {@code spawn}: 1M processes, each waiting for one message; three figures.
 * <ul>
 *   <li>spawn time: from the first spawn until every process has started and is about to wait
 *       in receive (each says so on a shared latch just before it waits);</li>
 *   <li>finish time: from sending the first of the 1M messages until every process has received
 *       its own (checked: each gets its index) and ended;</li>
 *   <li>heap per idle process: used heap after full GCs while all 1M wait, minus used heap after
 *       full GCs before the first spawn, divided by 1M. It includes the process's thread, its
 *       parked stack, its mailbox and the runtime's bookkeeping, and the 4 bytes per process of
 *       the array of handles the benchmark itself holds (every runtime pays those alike).</li>
 * </ul>
 * Heap is measured in every repetition, between the two timed phases, so it is not timed.
 */
public final class Spawn {
    static final int PROCESSES = 1_000_000;

    private Spawn() {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("spawn", Counts.label(PROCESSES) + " processes each waiting for one message",
                Map.of(Contender.AMANAH, new AmanahSpawn(),
                        Contender.FLOOR_MPSC, new FloorSpawn(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorSpawn(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoSpawn()));
    }

    /** How many processes a run spawns: 1M at full size, or the curve point's count. */
    static int processes(Scale scale) {
        return scale.isPoint() ? scale.point() : scale.count(PROCESSES);
    }

    /** The message process {@code index} waits for. */
    record Go(int index) {
    }

    static void checkGo(Object message, int index) {
        BenchmarkFailure.check(message instanceof Go go && go.index() == index, () ->
                "spawn: process " + index + " received " + message);
    }

    /**
     * The three samples of one run.
     *
     * @param heapBefore used heap after GC before spawning
     * @param heapIdle   used heap after GC with every process waiting
     */
    static List<Sample> samples(int processes, long spawnNanos, long finishNanos, long heapBefore, long heapIdle) {
        String count = Counts.label(processes);
        return List.of(
                Sample.millis(new Metric("spawn " + count + ", until all wait in receive (ms)", Metric.Unit.MILLIS),
                        spawnNanos),
                Sample.millis(new Metric("spawn " + count + ": send each its message, until all ended (ms)",
                        Metric.Unit.MILLIS), finishNanos),
                new Sample(new Metric("heap per idle process (bytes)", Metric.Unit.BYTES),
                        (heapIdle - heapBefore) / (double) processes));
    }

    /** Used heap after GC: {@link Heap#usedAfterGc()}, named for the call sites. */
    static long heap() {
        return Heap.usedAfterGc();
    }
}
