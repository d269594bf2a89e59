package dev.amanah.bench.call;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Call} on the floor: the request carries the client's mailbox and the client takes its
 * next message as the reply (with one call at a time, nothing else can be there).
 */
final class FloorCall implements Workload {
    private record Get(FloorMailbox replyTo, int n) {
    }

    private record Go() {
    }

    private record Stop(long expected) {
    }

    private final FloorMailbox.Kind kind;

    FloorCall(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var size = Call.Size.of(scale);
        var serverEnded = new Completion(1);
        var server = kind.create();
        var serverThread = FloorThreads.start(serverEnded.guard(() -> serve(server)));
        long single = clients(server, 1, size.singleCalls());
        long concurrent = clients(server, size.clients(), size.callsPerClient());
        long plain = plainThread(server, size.plainThreadCalls());
        server.send(new Stop(size.totalCalls()));
        serverEnded.await("call on floor " + kind + ": server");
        serverThread.join();
        return size.samples(single, concurrent, plain);
    }

    private static void serve(FloorMailbox mailbox) {
        long served = 0;
        for (;;) {
            switch (mailbox.take()) {
                case Get get -> {
                    get.replyTo().send(get.n());
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

    private static void callRepeatedly(FloorMailbox server, FloorMailbox self, int calls) {
        for (int i = 0; i < calls; i++) {
            server.send(new Get(self, i));
            Call.checkReply(i, self.take());
        }
    }

    private long clients(FloorMailbox server, int count, int calls) throws InterruptedException {
        var ready = new Completion(count);
        var done = new Completion(count);
        var mailboxes = new ArrayList<FloorMailbox>(count);
        var threads = new ArrayList<Thread>(count);
        for (int c = 0; c < count; c++) {
            var self = kind.create();
            mailboxes.add(self);
            threads.add(FloorThreads.start(done.guard(() -> {
                ready.done();
                BenchmarkFailure.check(self.take() instanceof Go, () -> "call: a client expected go");
                callRepeatedly(server, self, calls);
            })));
        }
        ready.await("call on floor " + kind + ": clients starting");
        long start = System.nanoTime();
        for (var mailbox : mailboxes) {
            mailbox.send(new Go());
        }
        done.await("call on floor " + kind + ": " + count + " clients × " + calls + " calls");
        long elapsed = System.nanoTime() - start;
        for (var thread : threads) {
            thread.join();
        }
        return elapsed;
    }

    private long plainThread(FloorMailbox server, int calls) throws InterruptedException {
        var done = new Completion(1);
        var self = kind.create();
        long start = System.nanoTime();
        var thread = Thread.ofPlatform().name("plain-caller")
                .start(done.guard(() -> callRepeatedly(server, self, calls)));
        done.await("call on floor " + kind + ": plain thread");
        long elapsed = System.nanoTime() - start;
        thread.join();
        return elapsed;
    }
}
