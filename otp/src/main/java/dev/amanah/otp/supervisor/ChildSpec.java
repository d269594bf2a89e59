package dev.amanah.otp.supervisor;

import dev.amanah.otp.Processes;
import dev.amanah.otp.server.StartResult;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a supervisor starts, restarts and stops one child: Elixir's child specification map.
 *
 * <pre>{@code
 * ChildSpec.worker("zakat", () -> GenServer.startLink(new ZakatServer(), StartOptions.named("zakat")))
 *          .withRestart(ChildSpec.Restart.TRANSIENT)
 *          .withShutdown(ChildSpec.Shutdown.timeout(Duration.ofSeconds(10)));
 * }</pre>
 *
 * @param id          identifies the child within its supervisor (required, unique there; ignored
 *                    by a {@link DynamicSupervisor})
 * @param start       runs in the supervisor's process and starts the child linked to it, as
 *                    {@code GenServer.startLink} does, returning {@code Ok(pid)}, {@code Ignore}
 *                    or {@code Error(reason)}; a start that throws counts as an error with the
 *                    exception's reason
 * @param restart     when the child is restarted; {@link Restart#PERMANENT} by default
 * @param shutdown    how the child is stopped; 5 s for workers, {@link Shutdown#INFINITY} for
 *                    supervisors by default
 * @param type        {@link Type#WORKER} or {@link Type#SUPERVISOR}
 * @param significant whether the child's exit may shut its supervisor down (see
 *                    {@link AutoShutdown}); only for transient or temporary children
 */
public record ChildSpec(Object id, Supplier<StartResult> start, Restart restart, Shutdown shutdown, Type type,
                        boolean significant) {

    /** The default shutdown of a worker: 5 seconds, then kill. */
    public static final Shutdown DEFAULT_WORKER_SHUTDOWN = Shutdown.timeout(Duration.ofSeconds(5));

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(type, "type");
        if (significant && restart == Restart.PERMANENT) {
            throw new IllegalArgumentException("child " + id + ": a permanent child cannot be significant");
        }
    }

    /**
     * A worker: permanent, 5 s shutdown, not significant. This is the spec Elixir's
     * {@code use GenServer} gives a server.
     */
    public static ChildSpec worker(Object id, Supplier<StartResult> start) {
        return new ChildSpec(id, start, Restart.PERMANENT, DEFAULT_WORKER_SHUTDOWN, Type.WORKER, false);
    }

    /** A supervisor child: permanent, infinite shutdown (it stops its own children first). */
    public static ChildSpec supervisor(Object id, Supplier<StartResult> start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.INFINITY, Type.SUPERVISOR, false);
    }

    /** This spec with another restart type. */
    public ChildSpec withRestart(Restart restart) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }

    /** This spec with another shutdown. */
    public ChildSpec withShutdown(Shutdown shutdown) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }

    /** This spec with another id. */
    public ChildSpec withId(Object id) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }

    /** This spec marked significant (or not); see {@link AutoShutdown}. */
    public ChildSpec withSignificant(boolean significant) {
        return new ChildSpec(id, start, restart, shutdown, type, significant);
    }

    /** When a child that ended is restarted. */
    public enum Restart {
        /** Always restarted. */
        PERMANENT,
        /** Restarted only if it ended abnormally: not {@code normal}, {@code shutdown} or {@code {shutdown, _}}. */
        TRANSIENT,
        /** Never restarted, whatever the strategy; forgotten once it ends. */
        TEMPORARY
    }

    /** What a child is, for {@code countChildren} and the default shutdown. */
    public enum Type {
        WORKER,
        SUPERVISOR
    }

    /**
     * How a supervisor stops a child: {@link #BRUTAL_KILL} ({@code exit(child, kill)}) or a
     * timeout ({@code exit(child, shutdown)}, then {@code kill} if it has not ended in time;
     * {@link #INFINITY} waits for ever, the default for supervisors).
     */
    public sealed interface Shutdown {
        /** Kill at once: the child's {@code terminate} does not run. */
        Shutdown BRUTAL_KILL = new BrutalKill();
        /** Send {@code shutdown} and wait for ever. */
        Shutdown INFINITY = new Timeout(Processes.INFINITY);

        /** Send {@code shutdown}, wait up to {@code timeout}, then kill. */
        static Shutdown timeout(Duration timeout) {
            return new Timeout(timeout);
        }

        /** {@code :brutal_kill}. */
        record BrutalKill() implements Shutdown {
        }

        /**
         * {@code shutdown: milliseconds | :infinity}.
         *
         * @param timeout how long the child may take to end after {@code shutdown}
         */
        record Timeout(Duration timeout) implements Shutdown {
            public Timeout {
                Objects.requireNonNull(timeout, "timeout");
                if (timeout.isNegative()) {
                    throw new IllegalArgumentException("negative shutdown timeout: " + timeout);
                }
            }
        }
    }
}
