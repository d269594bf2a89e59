package dev.amanah.bench.ring;

import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.List;

/** {@link Ring} on Amanah processes: {@code send} and {@code receive()}. */
final class AmanahRing implements Workload {
    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Ring.Size.of(scale);
        var ready = new Completion(size.processes());
        var ended = new Completion(size.processes());
        var ring = new Pid[size.processes()];
        for (int i = 0; i < ring.length; i++) {
            int index = i;
            ring[i] = Processes.spawn(ended.guard(() -> {
                ready.done();
                for (int round = 0; round < size.rounds(); round++) {
                    var token = (Ring.Token) Processes.receive();
                    if (!size.isLast(index, token.hops())) {
                        // ring is complete before the first token is sent, which publishes it.
                        Processes.send(ring[size.next(index)], new Ring.Token(token.hops() + 1));
                    }
                }
            })::run);
        }
        ready.await("ring on Amanah: spawning");
        long start = System.nanoTime();
        Processes.send(ring[0], new Ring.Token(1));
        ended.await("ring on Amanah");
        long elapsed = System.nanoTime() - start;
        return List.of(Sample.rate(size.metric(), size.messages(), elapsed));
    }
}
