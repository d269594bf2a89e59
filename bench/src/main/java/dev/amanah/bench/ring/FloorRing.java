package dev.amanah.bench.ring;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.List;

/** {@link Ring} on the floor: virtual threads with bare mailboxes. */
final class FloorRing implements Workload {
    private final FloorMailbox.Kind kind;

    FloorRing(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Ring.Size.of(scale);
        var ready = new Completion(size.processes());
        var ended = new Completion(size.processes());
        var ring = new FloorMailbox[size.processes()];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = kind.create();
        }
        var threads = new Thread[ring.length];
        for (int i = 0; i < ring.length; i++) {
            int index = i;
            threads[i] = FloorThreads.start(ended.guard(() -> {
                ready.done();
                for (int round = 0; round < size.rounds(); round++) {
                    var token = (Ring.Token) ring[index].take();
                    if (!size.isLast(index, token.hops())) {
                        ring[size.next(index)].send(new Ring.Token(token.hops() + 1));
                    }
                }
            }));
        }
        ready.await("ring on floor " + kind + ": spawning");
        long start = System.nanoTime();
        ring[0].send(new Ring.Token(1));
        ended.await("ring on floor " + kind);
        long elapsed = System.nanoTime() - start;
        for (var thread : threads) {
            thread.join();
        }
        return List.of(Sample.rate(size.metric(), size.messages(), elapsed));
    }
}
