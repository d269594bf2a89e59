package dev.amanah.bench.spawn;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.List;

/** {@link Spawn} on the floor: a virtual thread and a bare mailbox per process. */
final class FloorSpawn implements Workload {
    private final FloorMailbox.Kind kind;

    FloorSpawn(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int count = Spawn.processes(scale);
        var waiting = new Completion(count);
        var ended = new Completion(count);
        var mailboxes = new FloorMailbox[count];
        long heapBefore = Spawn.heap();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            var mailbox = kind.create();
            mailboxes[i] = mailbox;
            FloorThreads.start(ended.guard(() -> {
                waiting.done();
                Spawn.checkGo(mailbox.take(), index);
            }));
        }
        waiting.await("spawn on floor " + kind + ": starting");
        long spawned = System.nanoTime() - start;
        long heapIdle = Spawn.heap();
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            mailboxes[i].send(new Spawn.Go(i));
        }
        ended.await("spawn on floor " + kind + ": finishing");
        long finished = System.nanoTime() - start;
        return Spawn.samples(count, spawned, finished, heapBefore, heapIdle);
    }
}
