package dev.amanah.bench.cast;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import java.util.List;

/** {@link Cast} on Amanah: {@code send}, then {@code Processes.request} against a raw receive loop. */
final class AmanahCast implements Workload {
    private record Increment(int n) {
    }

    private record Count(ReplyTo replyTo) {
    }

    private record Stop() {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int casts = scale.count(Cast.CASTS);
        var serverEnded = new Completion(1);
        var server = Processes.spawn(serverEnded.guard(() -> {
            long handled = 0;
            for (;;) {
                switch (Processes.receive()) {
                    case Increment increment -> Cast.checkOrder(increment.n(), handled++);
                    case Count count -> Processes.reply(count.replyTo(), handled);
                    case Stop stop -> {
                        return;
                    }
                    case Object other -> throw new BenchmarkFailure("cast: the server got " + other);
                }
            }
        })::run);
        var clientEnded = new Completion(1);
        long start = System.nanoTime();
        Processes.spawn(clientEnded.guard(() -> {
            for (int i = 0; i < casts; i++) {
                Processes.send(server, new Increment(i));
            }
            Cast.checkCount(casts, Processes.request(server, Count::new, Cast.TIMEOUT));
        })::run);
        clientEnded.await("cast on Amanah");
        long elapsed = System.nanoTime() - start;
        Processes.send(server, new Stop());
        serverEnded.await("cast on Amanah: server");
        return Cast.samples(casts, elapsed);
    }
}
