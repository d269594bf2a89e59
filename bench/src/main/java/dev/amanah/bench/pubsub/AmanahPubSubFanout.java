package dev.amanah.bench.pubsub;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.pubsub.PubSub;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link PubSubFanout} on Amanah: a driver process starts a {@link PubSub} (linked to it), spawns
 * the subscribers, broadcasts, and stops the PubSub at the end.
 */
final class AmanahPubSubFanout implements Workload {
    /** Each run gets its own PubSub name, so that a run never meets a predecessor's registration. */
    private static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = PubSubFanout.Size.of(scale);
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> elapsed.set(drive(size)))::run);
        done.await("pubsub_fanout on Amanah");
        return size.samples(elapsed.get());
    }

    private static long drive(PubSubFanout.Size size) {
        var pubsub = PubSub.of("bench-fanout-" + RUNS.incrementAndGet());
        pubsub.startLink().orElseThrow();
        try {
            var subscribed = new Completion(size.subscribers());
            var received = new Completion(size.subscribers());
            for (int s = 0; s < size.subscribers(); s++) {
                Processes.spawn(received.guard(() -> {
                    pubsub.subscribe(PubSubFanout.TOPIC);
                    subscribed.done();
                    for (int i = 0; i < size.broadcasts(); i++) {
                        PubSubFanout.checkEvent(i, Processes.receive());
                    }
                })::run);
            }
            subscribed.await("pubsub_fanout on Amanah: subscribing");
            int listed = pubsub.subscribers(PubSubFanout.TOPIC).size();
            BenchmarkFailure.check(listed == size.subscribers(), () ->
                    "pubsub_fanout: PubSub lists " + listed + " subscribers of " + size.subscribers());
            long start = System.nanoTime();
            for (int i = 0; i < size.broadcasts(); i++) {
                pubsub.broadcast(PubSubFanout.TOPIC, new PubSubFanout.Event(i));
            }
            received.await("pubsub_fanout on Amanah: deliveries");
            return System.nanoTime() - start;
        } catch (InterruptedException e) {
            throw new BenchmarkFailure("pubsub_fanout on Amanah: interrupted");
        } finally {
            pubsub.stop();
        }
    }
}
