package dev.amanah.bench.call;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Call} on Amanah: clients use {@code Processes.request}; the server is a raw receive loop
 * that answers with {@code Processes.reply}. The row stands for "Amanah request/reply" until
 * {@code GenServer} exists.
 */
final class AmanahCall implements Workload {
    private record Get(ReplyTo replyTo, int n) {
    }

    private record Go() {
    }

    private record Stop(long expected) {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Call.Size.of(scale);
        var serverEnded = new Completion(1);
        var server = Processes.spawn(serverEnded.guard(AmanahCall::serve)::run);
        long single = clients(server, 1, size.singleCalls());
        long concurrent = clients(server, size.clients(), size.callsPerClient());
        long plain = plainThread(server, size.plainThreadCalls());
        Processes.send(server, new Stop(size.totalCalls()));
        serverEnded.await("call on Amanah: server");
        return size.samples(single, concurrent, plain);
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

    private static void callRepeatedly(Pid server, int calls) {
        for (int i = 0; i < calls; i++) {
            int n = i;
            Call.checkReply(n, Processes.request(server, replyTo -> new Get(replyTo, n), Call.TIMEOUT));
        }
    }

    /** Runs {@code count} client processes at once; returns the nanoseconds from go to all done. */
    private static long clients(Pid server, int count, int calls) throws InterruptedException {
        var ready = new Completion(count);
        var done = new Completion(count);
        var clients = new ArrayList<Pid>(count);
        for (int c = 0; c < count; c++) {
            clients.add(Processes.spawn(done.guard(() -> {
                ready.done();
                BenchmarkFailure.check(Processes.receive() instanceof Go, () -> "call: a client expected go");
                callRepeatedly(server, calls);
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
    private static long plainThread(Pid server, int calls) throws InterruptedException {
        var done = new Completion(1);
        long start = System.nanoTime();
        var thread = Thread.ofPlatform().name("plain-caller").start(done.guard(() -> callRepeatedly(server, calls)));
        done.await("call on Amanah: plain thread");
        long elapsed = System.nanoTime() - start;
        thread.join();
        return elapsed;
    }
}
