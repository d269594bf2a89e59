package dev.amanah.bench.compare;

import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import java.time.Duration;

/**
 * {@code cast}: one process sends {@code size} {@code GenServer.cast}s to a counting server, then
 * one {@code GenServer.call} that answers the count, which must be {@code size}; timed from the
 * first cast to that answer. The harness's {@code cast} scenario, in one JVM with other builds.
 */
public final class CastRun implements Run {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private record Add() {
    }

    private record Count() {
    }

    private static final class Counter implements GenServer<Long> {
        @Override
        public InitResult<Long> init() {
            return new Ok<>(0L);
        }

        @Override
        public Result<Long> handleCast(Object request, Long count) {
            return request instanceof Add ? new NoReply<>(count + 1) : GenServer.super.handleCast(request, count);
        }

        @Override
        public CallResult<Long> handleCall(Object request, ReplyTo from, Long count) {
            return request instanceof Count ? new Reply<>(count, count) : GenServer.super.handleCall(request, from, count);
        }
    }

    @Override
    public long nanos(int size) throws Exception {
        return Timed.inProcess(() -> {
            Alignment.shuffle();
            var server = GenServer.start(new Counter()).orElseThrow();
            var add = new Add();
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) {
                GenServer.cast(server, add);
            }
            Object counted = GenServer.call(server, new Count(), TIMEOUT);
            long nanos = System.nanoTime() - start;
            GenServer.stop(server);
            if (!(counted instanceof Long count && count == size)) {
                throw new IllegalStateException("cast: the server counted " + counted + " of " + size);
            }
            return nanos;
        });
    }
}
