package dev.amanah.bench.call;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Call} on Amanah, twice in each repetition: first with {@code GenServer.call} against a
 * {@link GenServer} ({@link EchoServer}), then with the raw {@code Processes.request} against a
 * receive loop that answers with {@code Processes.reply} ("Amanah request/reply", what
 * {@code GenServer.call} is built on).
 */
final class AmanahCall implements Workload {
    private record Get(ReplyTo replyTo, int n) {
    }

    private record Go() {
    }

    private record Stop(long expected) {
    }

    /** How a client makes call number {@code n} and returns the answer. */
    @FunctionalInterface
    private interface Caller {
        Object call(Pid server, int n);
    }

    private static final Caller GEN_SERVER = (server, n) -> GenServer.call(server, new EchoServer.Echo(n), Call.TIMEOUT);
    private static final Caller RAW = (server, n) -> Processes.request(server, replyTo -> new Get(replyTo, n), Call.TIMEOUT);

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Call.Size.of(scale);
        var genServer = genServerRun(size);
        var raw = rawRun(size);
        var samples = new ArrayList<Sample>();
        samples.addAll(size.samples(Call.Api.GEN_SERVER, genServer[0], genServer[1], genServer[2]));
        samples.addAll(size.samples(Call.Api.RAW, raw[0], raw[1], raw[2]));
        return samples;
    }

    /** The three phases against a GenServer, driven from a process (which starts the server). */
    private static long[] genServerRun(Call.Size size) throws InterruptedException {
        var times = new long[3];
        var failure = new AtomicReference<Throwable>();
        var done = new Completion(1);
        Processes.spawn(done.guard(() -> {
            var server = GenServer.start(new EchoServer()).orElseThrow();
            try {
                times[0] = clients(server, 1, size.singleCalls(), GEN_SERVER);
                times[1] = clients(server, size.clients(), size.callsPerClient(), GEN_SERVER);
                times[2] = plainThread(server, size.plainThreadCalls(), GEN_SERVER);
                long served = GenServer.call(server, new EchoServer.Served(), Call.TIMEOUT);
                Call.checkServed(size.totalCalls(), served);
            } catch (InterruptedException e) {
                failure.set(e);
            } finally {
                GenServer.stop(server);
            }
        })::run);
        done.await("call on Amanah GenServer");
        if (failure.get() != null) {
            throw new BenchmarkFailure("call on Amanah GenServer: " + failure.get());
        }
        return times;
    }

    /** The three phases against a raw receive loop. */
    private static long[] rawRun(Call.Size size) throws InterruptedException {
        var serverEnded = new Completion(1);
        var server = Processes.spawn(serverEnded.guard(AmanahCall::serve)::run);
        long single = clients(server, 1, size.singleCalls(), RAW);
        long concurrent = clients(server, size.clients(), size.callsPerClient(), RAW);
        long plain = plainThread(server, size.plainThreadCalls(), RAW);
        Processes.send(server, new Stop(size.totalCalls()));
        serverEnded.await("call on Amanah: server");
        return new long[] {single, concurrent, plain};
    }

    private static void serve() {
        long served = 0;
        for (;;) {
            switch (Processes.receive()) {
                case Get get -> {
                    Processes.reply(get.replyTo(), get.n());
                    served++;
                }
                case Stop stop -> {
                    Call.checkServed(stop.expected(), served);
                    return;
                }
                case Object other -> throw new BenchmarkFailure("call: the server got " + other);
            }
        }
    }

    private static void callRepeatedly(Pid server, int calls, Caller caller) {
        for (int i = 0; i < calls; i++) {
            Call.checkReply(i, caller.call(server, i));
        }
    }

    /** Runs {@code count} client processes at once; returns the nanoseconds from go to all done. */
    private static long clients(Pid server, int count, int calls, Caller caller) throws InterruptedException {
        var ready = new Completion(count);
        var done = new Completion(count);
        var clients = new ArrayList<Pid>(count);
        for (int c = 0; c < count; c++) {
            clients.add(Processes.spawn(done.guard(() -> {
                ready.done();
                BenchmarkFailure.check(Processes.receive() instanceof Go, () -> "call: a client expected go");
                callRepeatedly(server, calls, caller);
            })::run));
        }
        ready.await("call on Amanah: clients starting");
        long start = System.nanoTime();
        for (var client : clients) {
            Processes.send(client, new Go());
        }
        done.await("call on Amanah: " + count + " clients × " + calls + " calls");
        return System.nanoTime() - start;
    }

    /** Calls from a new platform thread, which Amanah adopts as a process on its first call. */
    private static long plainThread(Pid server, int calls, Caller caller) throws InterruptedException {
        var done = new Completion(1);
        long start = System.nanoTime();
        var thread = Thread.ofPlatform().name("plain-caller").start(done.guard(() -> callRepeatedly(server, calls, caller)));
        done.await("call on Amanah: plain thread");
        long elapsed = System.nanoTime() - start;
        thread.join();
        return elapsed;
    }
}
