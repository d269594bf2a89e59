package dev.amanah.bench.pubsub;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PubSubFanout} on the floor: the "topic" is a list of the subscribers' mailboxes; a
 * broadcast sends the event to each in turn, from a virtual thread.
 */
final class FloorPubSubFanout implements Workload {
    private final FloorMailbox.Kind kind;

    FloorPubSubFanout(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = PubSubFanout.Size.of(scale);
        var received = new Completion(size.subscribers());
        var topic = new ArrayList<FloorMailbox>(size.subscribers());
        var threads = new ArrayList<Thread>(size.subscribers());
        for (int s = 0; s < size.subscribers(); s++) {
            var mailbox = kind.create();
            topic.add(mailbox);
            threads.add(FloorThreads.start(received.guard(() -> {
                for (int i = 0; i < size.broadcasts(); i++) {
                    PubSubFanout.checkEvent(i, mailbox.take());
                }
            })));
        }
        var elapsed = new long[1];
        var broadcasterDone = new Completion(1);
        var broadcaster = FloorThreads.start(broadcasterDone.guard(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < size.broadcasts(); i++) {
                var event = new PubSubFanout.Event(i);
                for (var subscriber : topic) {
                    subscriber.send(event);
                }
            }
            try {
                received.await("pubsub_fanout on floor " + kind + ": deliveries");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            elapsed[0] = System.nanoTime() - start;
        }));
        broadcasterDone.await("pubsub_fanout on floor " + kind);
        broadcaster.join();
        for (var thread : threads) {
            thread.join();
        }
        return size.samples(elapsed[0]);
    }
}
