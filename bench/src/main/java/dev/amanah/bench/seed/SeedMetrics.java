package dev.amanah.bench.seed;

import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import java.util.List;

/**
 * The three rows every seed scenario reports, named as its BEAM twin names them: wall time,
 * throughput, and peak memory above the start.
 *
 * @param prefix what was run, with its sizes, e.g. "seed verify: 100k donations, ..."
 * @param items  what the throughput counts, e.g. "donations"
 */
record SeedMetrics(String prefix, String items) {

    List<Sample> samples(long count, long nanos, long peakBytes) {
        return List.of(
                Sample.millis(new Metric(prefix + ": wall time (ms)", Metric.Unit.MILLIS), nanos),
                Sample.rate(new Metric(prefix + ": throughput (" + items + "/s)", Metric.Unit.PER_SECOND), count, nanos),
                new Sample(new Metric(prefix + ": peak memory above start (bytes)", Metric.Unit.BYTES), peakBytes));
    }
}
