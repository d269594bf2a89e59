package dev.amanah.bench.compare;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code call}: {@value #CLIENTS} client processes share {@code size} {@code GenServer.call}s to
 * one echo server (fewer clients if {@code size} is smaller), each checking its replies; timed from
 * the go message to the last reply.
 */
public final class CallRun implements Run {
    static final int CLIENTS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Echo(int value) {
    }

    private static final class EchoServer implements GenServer<Long> {
        @Override
        public InitResult<Long> init() {
            return new Ok<>(0L);
        }

        @Override
        public CallResult<Long> handleCall(Object request, ReplyTo from, Long handled) {
            return request instanceof Echo(int value)
                    ? new Reply<>(value, handled + 1)
                    : GenServer.super.handleCall(request, from, handled);
        }
    }

    @Override
    public long nanos(int size) throws Exception {
        int clients = Math.min(CLIENTS, size);
        int calls = size / clients;
        return Timed.inProcess(() -> {
            Alignment.shuffle();
            var server = GenServer.start(new EchoServer()).orElseThrow();
            var ready = new CountDownLatch(clients);
            var finished = new CountDownLatch(clients);
            var pids = new ArrayList<Pid>(clients);
            for (int c = 0; c < clients; c++) {
                pids.add(Processes.spawn(() -> {
                    ready.countDown();
                    Processes.receive();
                    for (int i = 0; i < calls; i++) {
                        if (!(GenServer.call(server, new Echo(i), TIMEOUT) instanceof Integer reply && reply == i)) {
                            throw new IllegalStateException("call: a wrong reply");
                        }
                    }
                    finished.countDown();
                }));
            }
            ready.await();
            long start = System.nanoTime();
            for (var pid : pids) {
                Processes.send(pid, "go");
            }
            if (!finished.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("call: " + finished.getCount() + " clients never finished");
            }
            long nanos = System.nanoTime() - start;
            GenServer.stop(server);
            return nanos;
        });
    }
}
