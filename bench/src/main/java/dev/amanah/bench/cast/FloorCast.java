package dev.amanah.bench.cast;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.List;

/** {@link Cast} on the floor: bare mailboxes; the call carries the client's mailbox. */
final class FloorCast implements Workload {
    private record Increment(int n) {
    }

    private record Count(FloorMailbox replyTo) {
    }

    private record Stop() {
    }

    private final FloorMailbox.Kind kind;

    FloorCast(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int casts = scale.count(Cast.CASTS);
        var serverEnded = new Completion(1);
        var server = kind.create();
        var serverThread = FloorThreads.start(serverEnded.guard(() -> {
            long handled = 0;
            for (;;) {
                switch (server.take()) {
                    case Increment increment -> Cast.checkOrder(increment.n(), handled++);
                    case Count count -> count.replyTo().send(handled);
                    case Stop stop -> {
                        return;
                    }
                    case Object other -> throw new BenchmarkFailure("cast: the server got " + other);
                }
            }
        }));
        var clientEnded = new Completion(1);
        var self = kind.create();
        long start = System.nanoTime();
        var client = FloorThreads.start(clientEnded.guard(() -> {
            for (int i = 0; i < casts; i++) {
                server.send(new Increment(i));
            }
            server.send(new Count(self));
            Cast.checkCount(casts, self.take());
        }));
        clientEnded.await("cast on floor " + kind);
        long elapsed = System.nanoTime() - start;
        server.send(new Stop());
        serverEnded.await("cast on floor " + kind + ": server");
        client.join();
        serverThread.join();
        return Cast.samples(casts, elapsed);
    }
}
