package dev.amanah.bench.pingpong;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.List;

/** {@link PingPong} on the floor: two virtual threads, each with a bare mailbox. */
final class FloorPingPong implements Workload {
    private record Ping(int n, FloorMailbox from) {
    }

    private record Pong(int n) {
    }

    private record Stop() {
    }

    private final FloorMailbox.Kind kind;

    FloorPingPong(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int roundTrips = scale.count(PingPong.ROUND_TRIPS);
        var ended = new Completion(2);
        var pongBox = kind.create();
        var pingBox = kind.create();
        var ponger = FloorThreads.start(ended.guard(() -> {
            for (;;) {
                switch (pongBox.take()) {
                    case Ping ping -> ping.from().send(new Pong(ping.n()));
                    case Stop stop -> {
                        return;
                    }
                    case Object other -> throw new BenchmarkFailure("ping_pong: unexpected " + other);
                }
            }
        }));
        long start = System.nanoTime();
        var pinger = FloorThreads.start(ended.guard(() -> {
            for (int i = 0; i < roundTrips; i++) {
                pongBox.send(new Ping(i, pingBox));
                var pong = (Pong) pingBox.take();
                if (pong.n() != i) {
                    throw new BenchmarkFailure(PingPong.mismatch(i, pong.n()));
                }
            }
            pongBox.send(new Stop());
        }));
        ended.await("ping_pong on floor " + kind);
        long elapsed = System.nanoTime() - start;
        pinger.join();
        ponger.join();
        return List.of(Sample.rate(PingPong.rate(scale), roundTrips, elapsed));
    }
}
