package dev.amanah.bench.stages;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@link Stages} on Pekko Streams: {@code Source.range} behind an asynchronous boundary, into a
 * {@code Sink.fold} that checks and counts; input buffers of 1,024 (initial and maximum) for the
 * whole graph: Pekko's buffer sizes must be powers of two, and this is the nearest to
 * {@link Stages#MAX_DEMAND}.
 */
final class PekkoStages implements Workload {
    private static final int BUFFER = Integer.highestOneBit(Stages.MAX_DEMAND) << 1;

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int events = scale.count(Stages.EVENTS);
        try (var host = PekkoHost.start()) {
            long start = System.nanoTime();
            var graph = Source.range(0, events - 1).async()
                    .toMat(Sink.<Long, Integer>fold(0L, (count, event) -> {
                        Stages.checkEvent(count, event);
                        return count + 1;
                    }), Keep.right())
                    .addAttributes(Attributes.inputBuffer(BUFFER, BUFFER));
            long handled;
            try {
                handled = graph.run(host.system()).toCompletableFuture()
                        .get(Stages.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new BenchmarkFailure("stages on Pekko: not complete after " + Stages.PATIENCE);
            }
            long elapsed = System.nanoTime() - start;
            Stages.checkCount(events, handled);
            return Stages.samples(events, elapsed);
        }
    }
}
