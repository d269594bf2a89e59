package dev.amanah.bench.stages;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code stages}: 10,000,000 events (the integers from 0, boxed) from a producer to one consumer
 * in another process, with back-pressure: at most 1,000 events asked for and not yet handled.
 * Reported as events per second, from starting the two stages until the consumer has handled the
 * last event. The consumer checks that the events arrive in order and counts them.
 * <ul>
 *   <li>Amanah: {@code Pipeline.startLink(Producer.fromIterable(0..n), 1000, [consumer])} (GenStage's
 *       protocol: maxDemand 1,000, minDemand 750, batches of at most 250), in a driver process;</li>
 *   <li>floor: a producer and a consumer virtual thread with mailboxes and the same demand rule:
 *       the consumer asks for 1,000, and after each batch, once 750 or fewer are outstanding,
 *       asks for enough to be back at 1,000; the producer sends each demand as one batch (a
 *       list);</li>
 *   <li>Pekko Streams: {@code Source.range(0, n - 1).async()} into a {@code Sink.fold} that
 *       checks and counts, with an input buffer of 1,024 at the asynchronous boundary (Pekko's
 *       buffers must be powers of two; the producer and consumer run in two actors).</li>
 * </ul>
 */
public final class Stages {
    static final int EVENTS = 10_000_000;
    static final int MAX_DEMAND = 1_000;
    static final int MIN_DEMAND = MAX_DEMAND * 3 / 4;
    /** How long a run may take before it is declared stuck. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private Stages() {
    }

    /** The scenario with its implementations. */
    public static Scenario scenario() {
        return new Scenario("stages", Counts.label(EVENTS) + " events producer → consumer, maxDemand "
                + Counts.label(MAX_DEMAND) + " (Amanah stage Pipeline; floor: the demand rule on two mailboxes;"
                + " Pekko Streams Source → Sink, buffer 1,024)",
                Map.of(Contender.AMANAH, new AmanahStages(),
                        Contender.FLOOR_MPSC, new FloorStages(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorStages(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoStages()));
    }

    static List<Sample> samples(int events, long nanos) {
        return List.of(Sample.rate(new Metric("stages: " + Counts.label(events) + " events producer → consumer, maxDemand "
                + Counts.label(MAX_DEMAND) + " (events/s)", Metric.Unit.PER_SECOND), events, nanos));
    }

    /** Checks that the consumer's {@code index}-th event is {@code index}. */
    static void checkEvent(long index, Object event) {
        BenchmarkFailure.check(event instanceof Integer n && n == index, () ->
                "stages: event " + index + " was " + event);
    }

    static void checkCount(int events, long handled) {
        BenchmarkFailure.check(handled == events, () -> "stages: the consumer handled " + handled + " events of " + events);
    }
}
