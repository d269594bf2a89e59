package dev.amanah.bench.stages;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.stage.Consumer;
import dev.amanah.otp.stage.Pipeline;
import dev.amanah.otp.stage.Producer;
import dev.amanah.otp.stage.Subscription;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * {@link Stages} on Amanah: a driver process starts a {@link Pipeline} of
 * {@code Producer.fromIterable} and a counting consumer, and waits for its completion (the
 * producer stops when exhausted, the permanent consumer after handling everything).
 */
final class AmanahStages implements Workload {

    /** Checks each event's order; publishes its count after each batch for the final check. */
    private record Counter(AtomicLong handled) implements Consumer<Integer, Long> {
        @Override
        public Long init() {
            return 0L;
        }

        @Override
        public Result<Void, Long> handleEvents(List<Integer> events, Subscription from, Long count) {
            long next = count;
            for (var event : events) {
                Stages.checkEvent(next++, event);
            }
            handled.set(next);
            return new Emit<>(next);
        }
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int events = scale.count(Stages.EVENTS);
        var handled = new AtomicLong();
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> {
            long start = System.nanoTime();
            var pipeline = Pipeline.startLink(Producer.fromIterable(() -> IntStream.range(0, events).iterator()),
                    Stages.MAX_DEMAND, List.of(new Counter(handled)));
            boolean completed = pipeline.awaitCompletion(Stages.PATIENCE);
            elapsed.set(System.nanoTime() - start);
            if (!completed) {
                pipeline.stop();
                throw new BenchmarkFailure("stages on Amanah: not complete after " + Stages.PATIENCE
                        + ", " + handled.get() + " events handled");
            }
        })::run);
        done.await("stages on Amanah");
        Stages.checkCount(events, handled.get());
        return Stages.samples(events, elapsed.get());
    }
}
