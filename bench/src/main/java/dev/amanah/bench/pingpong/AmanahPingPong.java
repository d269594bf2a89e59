package dev.amanah.bench.pingpong;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.List;

/** {@link PingPong} on Amanah processes: {@code send} and a plain {@code receive()}. */
final class AmanahPingPong implements Workload {
    private record Ping(int n, Pid from) {
    }

    private record Pong(int n) {
    }

    private record Stop() {
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int roundTrips = scale.count(PingPong.ROUND_TRIPS);
        var ended = new Completion(2);
        var ponger = Processes.spawn(ended.guard(() -> {
            for (;;) {
                switch (Processes.receive()) {
                    case Ping ping -> Processes.send(ping.from(), new Pong(ping.n()));
                    case Stop stop -> {
                        return;
                    }
                    case Object other -> throw new BenchmarkFailure("ping_pong: unexpected " + other);
                }
            }
        })::run);
        long start = System.nanoTime();
        Processes.spawn(ended.guard(() -> {
            var self = Processes.self();
            for (int i = 0; i < roundTrips; i++) {
                Processes.send(ponger, new Ping(i, self));
                var pong = (Pong) Processes.receive();
                if (pong.n() != i) {
                    throw new BenchmarkFailure(PingPong.mismatch(i, pong.n()));
                }
            }
            Processes.send(ponger, new Stop());
        })::run);
        ended.await("ping_pong on Amanah");
        long elapsed = System.nanoTime() - start;
        return List.of(Sample.rate(PingPong.rate(scale), roundTrips, elapsed));
    }
}
