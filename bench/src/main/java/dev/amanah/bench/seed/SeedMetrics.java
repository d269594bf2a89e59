package dev.amanah.bench.seed;

import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import java.util.List;

/**
 * The rows every seed scenario reports, named as its BEAM twin names them: wall time, throughput,
 * and peak memory above the start; on the JVM, also the peak used heap, garbage included.
 *
 * @param prefix what was run, with its sizes, e.g. "seed verify: 100k donations, ..."
 * @param items  what the throughput counts, e.g. "donations"
 */
record SeedMetrics(String prefix, String items) {

    /** The timed run's rows: wall time, throughput, and the JVM's peak used heap (garbage included). */
    List<Sample> samples(long count, long nanos, long peakUsedBytes) {
        return List.of(
                Sample.millis(new Metric(prefix + ": wall time (ms)", Metric.Unit.MILLIS), nanos),
                Sample.rate(new Metric(prefix + ": throughput (" + items + "/s)", Metric.Unit.PER_SECOND), count, nanos),
                new Sample(new Metric(prefix + ": peak used heap above start, uncollected garbage included (bytes)",
                        Metric.Unit.BYTES), peakUsedBytes));
    }

    /** The row compared with the BEAM's: peak live memory above the start ({@link LivePeak}). */
    Sample livePeak(long bytes) {
        return new Sample(new Metric(prefix + ": peak memory above start (bytes)", Metric.Unit.BYTES), bytes);
    }
}
