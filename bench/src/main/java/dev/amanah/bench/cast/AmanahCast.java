package dev.amanah.bench.cast;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.call.EchoServer;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Cast} on Amanah, twice: {@code GenServer.cast} then {@code GenServer.call} against an
 * {@link EchoServer}; then {@code send} and {@code Processes.request} against a raw receive loop.
 */
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
        return List.of(Cast.sample(Cast.Api.GEN_SERVER, casts, genServer(casts)),
                Cast.sample(Cast.Api.RAW, casts, raw(casts)));
    }

    /** Starts the server from a process, then times a client process from its spawn until the answer. */
    private static long genServer(int casts) throws InterruptedException {
        var elapsed = new AtomicLong();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> {
            var server = GenServer.start(new EchoServer()).orElseThrow();
            try {
                var clientEnded = new Completion(1);
                long start = System.nanoTime();
                Processes.spawn(clientEnded.guard(() -> {
                    for (int i = 0; i < casts; i++) {
                        GenServer.cast(server, new EchoServer.Increment(i));
                    }
                    long counted = GenServer.call(server, new EchoServer.Served(), Cast.TIMEOUT);
                    Cast.checkCount(casts, counted);
                })::run);
                clientEnded.await("cast on Amanah GenServer");
                elapsed.set(System.nanoTime() - start);
            } catch (InterruptedException e) {
                throw new BenchmarkFailure("cast on Amanah GenServer: interrupted");
            } finally {
                GenServer.stop(server);
            }
        })::run);
        done.await("cast on Amanah GenServer: driver");
        return elapsed.get();
    }

    private static long raw(int casts) throws InterruptedException {
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
        return elapsed;
    }
}
