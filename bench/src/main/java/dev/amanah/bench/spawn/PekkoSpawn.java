package dev.amanah.bench.spawn;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.List;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@link Spawn} on Pekko typed actors, spawned by the guardian; an actor "waits in receive" once
 * its setup has run. The heap figure includes the actor system's own bookkeeping (the guardian's
 * children), as Amanah's includes its process table.
 */
final class PekkoSpawn implements Workload {
    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int count = Spawn.processes(scale);
        var waiting = new Completion(count);
        var ended = new Completion(count);
        try (var host = PekkoHost.start()) {
            long heapBefore = Spawn.heap();
            long start = System.nanoTime();
            var actors = host.spawnMany(count, index -> Behaviors.<Spawn.Go>setup(context -> {
                waiting.done();
                return Behaviors.receiveMessage(go -> {
                    try {
                        Spawn.checkGo(go, index);
                        ended.done();
                    } catch (RuntimeException e) {
                        ended.fail(e);
                    }
                    return Behaviors.stopped();
                });
            }));
            waiting.await("spawn on Pekko: starting");
            long spawned = System.nanoTime() - start;
            long heapIdle = Spawn.heap();
            start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                actors.get(i).tell(new Spawn.Go(i));
            }
            ended.await("spawn on Pekko: finishing");
            long finished = System.nanoTime() - start;
            return Spawn.samples(count, spawned, finished, heapBefore, heapIdle);
        }
    }
}
