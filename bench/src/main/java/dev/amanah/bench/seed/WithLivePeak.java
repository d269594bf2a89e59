package dev.amanah.bench.seed;

import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A seed scenario's JVM workload run twice per repetition: once timed, for its own rows, then once
 * more, untimed, under {@link LivePeak}, for the row that compares memory with the BEAM: the JVM's
 * used heap includes the garbage G1 has not collected yet (with a 4–8 GiB heap it collects
 * lazily), so only the live heap is comparable with {@code :erlang.memory(:total)}. The second
 * run checks its result as the first does.
 *
 * @param workload the scenario on the JVM
 * @param metrics  its rows at a given scale
 */
record WithLivePeak(Workload workload, Function<Scale, SeedMetrics> metrics) implements Workload {

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var samples = new ArrayList<>(workload.run(scale));
        var live = new LivePeak();
        workload.run(scale);
        samples.add(metrics.apply(scale).livePeak(live.stop()));
        return samples;
    }
}
