package dev.amanah.bench.pekko;

import com.typesafe.config.ConfigFactory;
import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One Pekko typed {@link ActorSystem} for one repetition of a workload: its guardian spawns the
 * workload's actors on request, and {@link #close()} terminates the system and waits until its
 * threads are gone, so nothing of it is left for the next workload.
 *
 * <p>Configuration: the default dispatcher and mailbox (what a Pekko user gets), with dead-letter
 * logging and JVM shutdown hooks off. Not thread-safe: one thread drives a host.
 */
public final class PekkoHost implements AutoCloseable {
    /** The system's name; its threads' names start with it. */
    public static final String SYSTEM_NAME = "bench";

    private static final String CONFIG = """
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            pekko.jvm-shutdown-hooks = off
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            """;

    private sealed interface Command {
    }

    private record SpawnMany<T>(int count, IntFunction<Behavior<T>> factory, List<ActorRef<T>> into,
                                Completion spawned) implements Command {
        void spawnIn(org.apache.pekko.actor.typed.javadsl.ActorContext<Command> context) {
            for (int i = 0; i < count; i++) {
                into.add(context.spawnAnonymous(factory.apply(i)));
            }
            spawned.done();
        }
    }

    private final ActorSystem<Command> system;

    private PekkoHost() {
        Behavior<Command> guardian = Behaviors.receive((context, command) -> {
            switch (command) {
                case SpawnMany<?> spawn -> spawn.spawnIn(context);
            }
            return Behaviors.same();
        });
        system = ActorSystem.create(guardian, SYSTEM_NAME,
                ConfigFactory.parseString(CONFIG).withFallback(ConfigFactory.load()));
    }

    /** Starts a new actor system. */
    public static PekkoHost start() {
        return new PekkoHost();
    }

    /** The system, for {@code AskPattern} and its scheduler. */
    public ActorSystem<?> system() {
        return system;
    }

    /** Spawns one actor as a child of the guardian and returns its ref once spawned. */
    public <T> ActorRef<T> spawn(Behavior<T> behavior) throws InterruptedException {
        return spawnMany(1, i -> behavior).getFirst();
    }

    /**
     * Spawns {@code count} actors, the i-th running {@code factory.apply(i)}, as children of the
     * guardian; returns their refs in that order once all are spawned (not necessarily started).
     */
    public <T> List<ActorRef<T>> spawnMany(int count, IntFunction<Behavior<T>> factory)
            throws InterruptedException {
        var refs = new ArrayList<ActorRef<T>>(count);
        var spawned = new Completion(1);
        system.tell(new SpawnMany<>(count, factory, refs, spawned));
        spawned.await("pekko: spawning " + count + " actors");
        return refs;
    }

    /** Terminates the system and waits until it has terminated. */
    @Override
    public void close() throws Exception {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BenchmarkFailure("pekko: actor system did not terminate within 1 minute");
        }
    }
}
