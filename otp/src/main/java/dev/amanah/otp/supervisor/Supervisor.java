package dev.amanah.otp.supervisor;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * A process that starts, watches and restarts other processes: Elixir's {@code Supervisor}.
 *
 * <pre>{@code
 * var children = List.of(
 *     registry.childSpec(),
 *     DynamicSupervisor.childSpec("donations", DynamicSupervisorOptions.DEFAULT.withName("donations")),
 *     ChildSpec.worker("stats", () -> GenServer.startLink(new StatsAggregator(), StartOptions.named("stats"))));
 * Pid root = Supervisor.startLink(children, SupervisorOptions.of(Strategy.ONE_FOR_ONE)).orElseThrow();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Children start in list order, each start function running in the supervisor's process and
 *       linking the child to it; {@code startLink} returns once all have started. If one fails, the
 *       ones already started are stopped in reverse order and the start returns
 *       {@code Error({shutdown, FailedToStartChild(id, reason)})}. A child whose start returns
 *       {@code Ignore} does not fail the supervisor; its spec is kept for {@link #restartChild}
 *       (unless it is temporary).</li>
 *   <li>When a child ends, its {@link ChildSpec.Restart} decides whether it is restarted, its
 *       supervisor's {@link Strategy} which siblings are restarted with it. Each restart counts
 *       towards the intensity: more than {@code maxRestarts} within {@code maxSeconds} (3 in 5 s by
 *       default) and the supervisor stops all its children, in reverse start order, and exits
 *       {@code shutdown}; its own supervisor then decides, as for any child. A restart whose start
 *       fails is retried later, counting again.</li>
 *   <li>The supervisor traps exits. When its parent sends it an exit signal (or it is stopped with
 *       {@link #stop}), it stops its children in reverse start order, each by its
 *       {@link ChildSpec.Shutdown}, then exits with that reason.</li>
 * </ul>
 * Every function here is a call into the supervisor's process and waits as long as it takes (as
 * OTP's {@code :infinity}); it exits the caller with {@code InCall(noproc, ...)} if the
 * supervisor does not exist.
 */
public final class Supervisor {
    private Supervisor() {
    }

    /**
     * Starts a supervisor linked to the caller with {@code children}; blocks until they have all
     * started. See the class notes for what a failing child does.
     *
     * @throws IllegalArgumentException if two children share an id, or a child is significant
     *                                  while {@code options.autoShutdown()} is {@code NEVER}
     */
    public static StartResult startLink(List<ChildSpec> children, SupervisorOptions options) {
        return GenServer.startLink(server(children, options), startOptions(options));
    }

    /** {@link #startLink(List, SupervisorOptions)} with the default options (one for one, 3 in 5 s). */
    public static StartResult startLink(List<ChildSpec> children) {
        return startLink(children, SupervisorOptions.DEFAULT);
    }

    /** As {@link #startLink(List, SupervisorOptions)}, but not linked to the caller. */
    public static StartResult start(List<ChildSpec> children, SupervisorOptions options) {
        return GenServer.start(server(children, options), startOptions(options));
    }

    /**
     * The spec of a supervisor as the child of another: type supervisor, permanent, infinite
     * shutdown (it stops its own children first).
     */
    public static ChildSpec childSpec(Object id, List<ChildSpec> children, SupervisorOptions options) {
        server(children, options); // validates now rather than at every restart
        return ChildSpec.supervisor(id, () -> startLink(children, options));
    }

    /**
     * The children, in start order, with their pids while running. Works on a {@link DynamicSupervisor}
     * too (its running children), as OTP's {@code which_children} does.
     */
    public static List<ChildInfo> whichChildren(Pid supervisor) {
        return GenServer.call(supervisor, new SupervisorServer.WhichChildren(), Processes.INFINITY);
    }

    /** How many children there are, by kind and by state. */
    public static ChildCounts countChildren(Pid supervisor) {
        return GenServer.call(supervisor, new SupervisorServer.CountChildren(), Processes.INFINITY);
    }

    /**
     * Stops the child {@code id} by its shutdown; it is not restarted, and its spec is kept for
     * {@link #restartChild} (a temporary child's spec is dropped). True if the child exists
     * (running or not), false for OTP's {@code {:error, :not_found}}. On a
     * {@link DynamicSupervisor} (or a {@code TaskSupervisor}), whose children are known by pid,
     * {@code id} is the child's pid and this is {@link DynamicSupervisor#terminateChild}, as in
     * Elixir.
     */
    public static boolean terminateChild(Pid supervisor, Object id) {
        return GenServer.call(supervisor, new SupervisorServer.TerminateChild(id), Processes.INFINITY);
    }

    /**
     * Starts again the child {@code id}, which must not be running. Returns the start's result, or
     * {@code Error(Term(ChildError))}: {@code NOT_FOUND}, {@code RUNNING} or {@code RESTARTING}.
     */
    public static StartResult restartChild(Pid supervisor, Object id) {
        return GenServer.call(supervisor, new SupervisorServer.RestartChild(id), Processes.INFINITY);
    }

    /**
     * Forgets the spec of the child {@code id}, which must not be running. Empty on success, else
     * {@code NOT_FOUND}, {@code RUNNING} or {@code RESTARTING}.
     */
    public static Optional<ChildError> deleteChild(Pid supervisor, Object id) {
        return GenServer.call(supervisor, new SupervisorServer.DeleteChild(id), Processes.INFINITY);
    }

    /**
     * Adds a child and starts it, last in start order. Returns the start's result, or
     * {@code Error(Term(AlreadyStarted(pid)))} if a running child has that id,
     * {@code Error(Term(ALREADY_PRESENT))} if a stopped one has it.
     */
    public static StartResult startChild(Pid supervisor, ChildSpec spec) {
        return GenServer.call(supervisor, new SupervisorServer.StartChild(spec), Processes.INFINITY);
    }

    /**
     * Stops the supervisor with {@code normal}: its children are stopped in reverse start order
     * first. Returns once it has ended.
     */
    public static void stop(Pid supervisor) {
        GenServer.stop(supervisor, ExitReason.NORMAL, Processes.INFINITY);
    }

    /** Stops the supervisor with {@code reason}, waiting up to {@code timeout}; see {@link GenServer#stop(Pid, ExitReason, Duration)}. */
    public static void stop(Pid supervisor, ExitReason reason, Duration timeout) {
        GenServer.stop(supervisor, reason, timeout);
    }

    private static SupervisorServer server(List<ChildSpec> children, SupervisorOptions options) {
        var ids = new HashSet<>();
        for (var child : children) {
            if (!ids.add(child.id())) {
                throw new IllegalArgumentException("duplicate child id: " + child.id());
            }
            if (child.significant() && options.autoShutdown() == AutoShutdown.NEVER) {
                throw new IllegalArgumentException("child " + child.id()
                        + " is significant but the supervisor's auto-shutdown is NEVER");
            }
        }
        return new SupervisorServer(children, options);
    }

    private static StartOptions startOptions(SupervisorOptions options) {
        return options.name().map(StartOptions::named).orElse(StartOptions.DEFAULT);
    }
}
