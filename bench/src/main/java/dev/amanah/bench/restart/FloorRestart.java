package dev.amanah.bench.restart;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.floor.FloorMailbox;
import dev.amanah.bench.floor.FloorThreads;
import java.util.List;

/**
 * {@link Restart} on the floor: a supervisor virtual thread takes its mailbox; each child is a new
 * virtual thread whose crash is caught and sent to that mailbox, and the supervisor starts the
 * next child. The least a restart costs on virtual threads: a thread ends, a message, a thread
 * starts.
 */
final class FloorRestart implements Workload {
    private record Crashed(RuntimeException cause) {
    }

    private record Settled() {
    }

    private final FloorMailbox.Kind kind;

    FloorRestart(FloorMailbox.Kind kind) {
        this.kind = kind;
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int restarts = scale.count(Restart.RESTARTS);
        var generations = new Restart.Generations(restarts);
        var mailbox = kind.create();
        var ended = new Completion(1);
        var supervisor = FloorThreads.start(ended.guard(() -> {
            startChild(mailbox, generations);
            int crashes = 0;
            for (;;) {
                switch (mailbox.take()) {
                    case Crashed crashed -> {
                        crashes++;
                        startChild(mailbox, generations);
                    }
                    case Settled settled -> {
                        int counted = crashes;
                        BenchmarkFailure.check(counted == restarts, () ->
                                "restart: the floor supervisor saw " + counted + " crashes of " + restarts);
                        return;
                    }
                    case Object other -> throw new BenchmarkFailure("restart: the floor supervisor got " + other);
                }
            }
        }));
        generations.awaitSettled("restart on floor " + kind);
        ended.await("restart on floor " + kind + ": supervisor");
        supervisor.join();
        generations.check();
        return generations.samples();
    }

    private static void startChild(FloorMailbox supervisor, Restart.Generations generations) {
        FloorThreads.start(() -> {
            try {
                if (generations.started()) {
                    throw Restart.CRASH;
                }
                supervisor.send(new Settled());
            } catch (RuntimeException crash) {
                supervisor.send(new Crashed(crash));
            }
        });
    }
}
