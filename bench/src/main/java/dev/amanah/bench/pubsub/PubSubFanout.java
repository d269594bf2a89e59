package dev.amanah.bench.pubsub;

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
 * {@code pubsub_fanout}: 10,000 subscriber processes on one topic, 100 broadcasts from one
 * process (1,000,000 deliveries); reported as deliveries per second, from the first broadcast
 * until every subscriber has received every event. Subscribing is not timed. Every subscriber
 * checks that it gets the events in the order broadcast, and reports when it has all of them.
 * <ul>
 *   <li>Amanah: {@code dev.amanah.otp.pubsub.PubSub} ({@code subscribe} in each subscriber,
 *       {@code broadcast} from a driver process);</li>
 *   <li>floor: a list of the subscribers' mailboxes that the broadcaster sends to in turn;</li>
 *   <li>Pekko: {@code org.apache.pekko.actor.typed.pubsub.Topic}; the broadcasts are
 *       {@code Topic.publish} told to the topic actor, which forwards them; the clock starts once
 *       the topic reports every subscriber.</li>
 * </ul>
 * {@code --quick} divides the broadcasts, not the subscribers.
 */
public final class PubSubFanout {
    static final int SUBSCRIBERS = 10_000;
    static final int BROADCASTS = 100;
    /** Deliveries per point of the scaling curve, whatever the number of subscribers. */
    static final int CURVE_DELIVERIES = 1_000_000;
    static final String TOPIC = "fanout";
    /** How long the Pekko topic may take to see every subscriber. */
    static final Duration SUBSCRIBE_PATIENCE = Duration.ofMinutes(1);

    private PubSubFanout() {
    }

    /** One broadcast: the {@code n}-th (from 0). */
    record Event(int n) {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("pubsub_fanout", Counts.label(SUBSCRIBERS) + " subscribers × " + Counts.label(BROADCASTS)
                + " broadcasts (Amanah PubSub, floor: a list of mailboxes, Pekko Topic)",
                Map.of(Contender.AMANAH, new AmanahPubSubFanout(),
                        Contender.FLOOR_MPSC, new FloorPubSubFanout(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorPubSubFanout(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoPubSubFanout()));
    }

    /**
     * The sizes of one run.
     *
     * @param subscribers subscriber processes
     * @param broadcasts  events broadcast to all of them
     */
    record Size(int subscribers, int broadcasts) {
        static Size of(Scale scale) {
            if (scale.isPoint()) {
                // A curve point: N subscribers, about CURVE_DELIVERIES deliveries (at least one broadcast).
                return new Size(scale.point(), Math.max(1, CURVE_DELIVERIES / scale.point()));
            }
            return new Size(SUBSCRIBERS, scale.count(BROADCASTS));
        }

        List<Sample> samples(long nanos) {
            return List.of(Sample.rate(new Metric("pubsub_fanout: " + Counts.label(subscribers) + " subscribers × "
                    + Counts.label(broadcasts) + " broadcasts (deliveries/s)", Metric.Unit.PER_SECOND),
                    (long) subscribers * broadcasts, nanos));
        }
    }

    /** Checks that a subscriber's {@code index}-th message is event {@code index}. */
    static void checkEvent(int index, Object message) {
        BenchmarkFailure.check(message instanceof Event(int n) && n == index, () ->
                "pubsub_fanout: a subscriber's event " + index + " was " + message);
    }
}
