package dev.amanah.bench.restart;

import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.bench.pekko.PekkoHost;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@link Restart} on Pekko typed: a child under {@code Behaviors.supervise} with an unlimited
 * restart strategy (failure logging off) that tells itself {@code Crash} in {@code setup} and
 * throws when it gets it, until the last generation.
 */
final class PekkoRestart implements Workload {
    private enum Crash { CRASH }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var generations = new Restart.Generations(scale.count(Restart.RESTARTS));
        try (var host = PekkoHost.start()) {
            host.spawn(crasher(generations));
            generations.awaitSettled("restart on Pekko");
        }
        generations.check();
        return generations.samples();
    }

    private static Behavior<Crash> crasher(Restart.Generations generations) {
        Behavior<Crash> generation = Behaviors.setup(context -> {
            if (generations.started()) {
                context.getSelf().tell(Crash.CRASH);
            }
            return Behaviors.receiveMessage(crash -> {
                throw Restart.CRASH;
            });
        });
        return Behaviors.supervise(generation)
                .onFailure(RuntimeException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
    }
}
