package dev.amanah.bench.stages;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Stages} on the floor: a producer and a consumer virtual thread exchanging demand and
 * batches through their mailboxes, with GenStage's demand rule (see {@link Stages}) and nothing
 * else: no monitors, no buffer, no dispatcher.
 */
final class FloorStages implements Workload {
    private record Ask(int demand) {
    }

    private record Batch(List<Integer> events) {
    }

    private record End() {
    }

    private final FloorMailbox.Kind kind;

    FloorStages(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int events = scale.count(Stages.EVENTS);
        var producer = kind.create();
        var consumer = kind.create();
        var handled = new AtomicLong();
        var ended = new Completion(2);
        long start = System.nanoTime();
        var producerThread = FloorThreads.start(ended.guard(() -> produce(producer, consumer, events)));
        var consumerThread = FloorThreads.start(ended.guard(() -> handled.set(consume(consumer, producer))));
        ended.await("stages on floor " + kind);
        long elapsed = System.nanoTime() - start;
        producerThread.join();
        consumerThread.join();
        Stages.checkCount(events, handled.get());
        return Stages.samples(events, elapsed);
    }

    private static void produce(FloorMailbox self, FloorMailbox consumer, int events) {
        int next = 0;
        while (next < events) {
            if (!(self.take() instanceof Ask(int demand))) {
                throw new BenchmarkFailure("stages: the floor producer expected demand");
            }
            int end = (int) Math.min(events, (long) next + demand);
            var batch = new ArrayList<Integer>(end - next);
            while (next < end) {
                batch.add(next++);
            }
            consumer.send(new Batch(batch));
        }
        consumer.send(new End());
    }

    private static long consume(FloorMailbox self, FloorMailbox producer) {
        long count = 0;
        int outstanding = Stages.MAX_DEMAND;
        producer.send(new Ask(Stages.MAX_DEMAND));
        for (;;) {
            switch (self.take()) {
                case Batch(var batch) -> {
                    for (var event : batch) {
                        Stages.checkEvent(count++, event);
                    }
                    outstanding -= batch.size();
                    if (outstanding <= Stages.MIN_DEMAND) {
                        producer.send(new Ask(Stages.MAX_DEMAND - outstanding));
                        outstanding = Stages.MAX_DEMAND;
                    }
                }
                case End end -> {
                    return count;
                }
                case Object other -> throw new BenchmarkFailure("stages: the floor consumer got " + other);
            }
        }
    }
}
