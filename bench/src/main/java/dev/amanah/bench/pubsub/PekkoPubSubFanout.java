package dev.amanah.bench.pubsub;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * {@link PubSubFanout} on Pekko typed: a {@link Topic} actor; each subscriber actor sends
 * {@code Topic.subscribe} in its {@code setup}; the clock starts once the topic's stats count
 * every subscriber, and the broadcasts are {@code Topic.publish} told from the driving thread.
 */
final class PekkoPubSubFanout implements Workload {

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = PubSubFanout.Size.of(scale);
        var received = new Completion(size.subscribers());
        try (var host = PekkoHost.start()) {
            ActorRef<Topic.Command<PubSubFanout.Event>> topic =
                    host.spawn(Topic.create(PubSubFanout.Event.class, PubSubFanout.TOPIC));
            host.spawnMany(size.subscribers(), index -> Behaviors.<PubSubFanout.Event>setup(context -> {
                topic.tell(Topic.subscribe(context.getSelf()));
                return receiving(0, size.broadcasts(), received);
            }));
            awaitSubscribers(host, topic, size.subscribers());
            long start = System.nanoTime();
            for (int i = 0; i < size.broadcasts(); i++) {
                topic.tell(Topic.publish(new PubSubFanout.Event(i)));
            }
            received.await("pubsub_fanout on Pekko: deliveries");
            return size.samples(System.nanoTime() - start);
        }
    }

    private static Behavior<PubSubFanout.Event> receiving(int next, int broadcasts, Completion received) {
        return Behaviors.receiveMessage(event -> {
            try {
                PubSubFanout.checkEvent(next, event);
            } catch (BenchmarkFailure e) {
                received.fail(e);
                return Behaviors.stopped();
            }
            if (next + 1 == broadcasts) {
                received.done();
                return Behaviors.stopped();
            }
            return receiving(next + 1, broadcasts, received);
        });
    }

    /** Polls the topic's stats until it counts every subscriber (subscribing is asynchronous). */
    private static void awaitSubscribers(PekkoHost host, ActorRef<Topic.Command<PubSubFanout.Event>> topic,
                                         int subscribers) throws Exception {
        long deadline = System.nanoTime() + PubSubFanout.SUBSCRIBE_PATIENCE.toNanos();
        for (;;) {
            Topic.TopicStats stats = AskPattern.<Topic.Command<PubSubFanout.Event>, Topic.TopicStats>ask(topic,
                    Topic::getTopicStats, Duration.ofSeconds(30), host.system().scheduler())
                    .toCompletableFuture().get();
            if (stats.localSubscriberCount() == subscribers) {
                return;
            }
            BenchmarkFailure.check(System.nanoTime() < deadline, () ->
                    "pubsub_fanout on Pekko: the topic counts " + stats.localSubscriberCount() + " subscribers of "
                            + subscribers + " after " + PubSubFanout.SUBSCRIBE_PATIENCE);
            Thread.sleep(10);
        }
    }
}
