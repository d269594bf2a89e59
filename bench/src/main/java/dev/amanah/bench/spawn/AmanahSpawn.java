package dev.amanah.bench.spawn;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.List;

/** {@link Spawn} on Amanah: {@code Processes.spawn}, {@code receive()}, {@code send}. */
final class AmanahSpawn implements Workload {
    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int count = Spawn.processes(scale);
        var waiting = new Completion(count);
        var ended = new Completion(count);
        var pids = new Pid[count];
        long heapBefore = Spawn.heap();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            pids[i] = Processes.spawn(ended.guard(() -> {
                waiting.done();
                Spawn.checkGo(Processes.receive(), index);
            })::run);
        }
        waiting.await("spawn on Amanah: starting");
        long spawned = System.nanoTime() - start;
        long heapIdle = Spawn.heap();
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Processes.send(pids[i], new Spawn.Go(i));
        }
        ended.await("spawn on Amanah: finishing");
        long finished = System.nanoTime() - start;
        return Spawn.samples(count, spawned, finished, heapBefore, heapIdle);
    }
}
