package dev.amanah.otp.task;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.AlreadyStarted;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A supervisor of tasks (Elixir's {@code Task.Supervisor}): a process that starts tasks as its
 * children, so that work can outlive, or fail without hurting, the process that asked for it.
 *
 * <pre>{@code
 * var tasks = TaskSupervisor.of(TaskSupervisor.startLink(TaskSupervisor.Options.DEFAULT.withName("donations.tasks"))
 *                                               .orElseThrow());
 * // or, in a supervision tree:
 * //   TaskSupervisor.childSpec("tasks", TaskSupervisor.Options.DEFAULT.withName("donations.tasks"))
 * // elsewhere, by name:
 * var sup = TaskSupervisor.named("donations.tasks");
 * Task<Receipt> task = sup.asyncNolink(() -> process(donationId));       // may fail; we survive
 * sup.startChild(() -> sendReceipt(donationId));                         // fire and forget
 * }</pre>
 *
 * <h2>Which call for which job</h2>
 * <ul>
 *   <li>{@link #asyncNolink}: a {@link Task} that is monitored but <em>not linked</em>: its crash
 *       arrives as a result ({@code await} throws, {@code yield} answers {@code Exit}), never as
 *       an exit signal. The usual choice inside servers.</li>
 *   <li>{@link #async}: a {@link Task} linked to the caller, as {@link Task#async}, but supervised.</li>
 *   <li>{@link #startChild}: fire and forget, with an optional {@link Restart} policy.</li>
 *   <li>{@link #asyncStreamNolink}: {@link Task#asyncStream} whose failed elements are
 *       {@code Exit} results instead of exits of the caller.</li>
 * </ul>
 *
 * <h2>Supervision</h2>
 * Children are linked to the supervisor (which traps exits), never restarted unless started with
 * {@link Restart#PERMANENT} or {@link Restart#TRANSIENT}, and restarted at most
 * {@link Options#maxRestarts()} times in {@link Options#maxSeconds()} (3 in 5 s) before the
 * supervisor gives up: it stops all its children and exits {@code shutdown}. When it stops (its
 * parent exits, or {@link #stop()}), it stops every child as its {@link Shutdown} says, all at
 * once. It starts at most {@link Options#maxChildren()} children (unlimited by default). Under
 * a {@code Supervisor}, give it as {@link #childSpec}.
 *
 * <h2>Handles</h2>
 * A {@code TaskSupervisor} is an immutable, thread-safe handle: a pid ({@link #of}, given the pid
 * {@link #start} or {@link #startLink} returns, as every start in the runtime does) or a
 * registered name ({@link #named}), resolved on each call. Every call
 * is a synchronous request to the supervisor process, waiting as long as it takes (the
 * supervisor answers at once). If the supervisor is not alive, or dies during the call, the call
 * throws {@link ExitException} with {@code InCall(reason, "TaskSupervisor", function, args)},
 * reason {@link ExitReason#NOPROC} or the supervisor's exit reason. The calls are
 * {@code GenServer} calls, so a handle on a process that is no task supervisor fails as a call
 * it does not handle does: a {@code GenServer} stops with {@code bad_call}, the reason thrown.
 *
 * <p>Its pid also answers what a DynamicSupervisor's does: {@code Supervisor.whichChildren} and
 * {@code countChildren} (each child a worker with id {@code "task"}),
 * {@code DynamicSupervisor.terminateChild} and {@code Supervisor.terminateChild} with a pid (as
 * {@link #terminateChild}), and
 * {@code Supervisor.stop} or {@code GenServer.stop}, which stop every child and then end it with
 * the reason given. Any other {@code GenServer.call} stops it with {@code bad_call}, its children
 * first.
 *
 * <p>It starts tasks only. In Elixir a {@code Task.Supervisor} is a {@code DynamicSupervisor},
 * and {@code DynamicSupervisor.start_child} on it starts any child spec; here
 * {@code DynamicSupervisor.startChild} on its pid is one of those other calls: the caller exits
 * with {@code bad_call} and the supervisor stops, its tasks first. Start a process under it with
 * {@link #startChild(ProcessBody, ChildOptions)}, or supervise child specs with a
 * {@code DynamicSupervisor}.
 */
public final class TaskSupervisor {
    private final Pid pid;
    private final String name;

    private TaskSupervisor(Pid pid, String name) {
        this.pid = pid;
        this.name = name;
    }

    /**
     * Options of {@link #start(Options)} and {@link #startLink(Options)}. Start from
     * {@link #DEFAULT}.
     *
     * @param name        the name to register the supervisor under; default none
     * @param maxChildren how many children it may have at once, at least 0; default
     *                    {@link Integer#MAX_VALUE} (OTP's {@code :infinity})
     * @param maxRestarts how many restarts it tolerates within {@code maxSeconds}; default 3
     * @param maxSeconds  the window of {@code maxRestarts}, positive; default 5 seconds
     */
    public record Options(Optional<String> name, int maxChildren, int maxRestarts, Duration maxSeconds) {
        /** No name, unlimited children, 3 restarts in 5 seconds. */
        public static final Options DEFAULT = new Options(Optional.empty(), Integer.MAX_VALUE, 3, Duration.ofSeconds(5));

        public Options {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(maxSeconds, "maxSeconds");
            if (maxChildren < 0) {
                throw new IllegalArgumentException("negative maxChildren: " + maxChildren);
            }
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("negative maxRestarts: " + maxRestarts);
            }
            if (maxSeconds.isNegative() || maxSeconds.isZero()) {
                throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
            }
        }

        /** These options with a registered name. */
        public Options withName(String newName) {
            return new Options(Optional.of(newName), maxChildren, maxRestarts, maxSeconds);
        }

        /** These options with a limit on children. */
        public Options withMaxChildren(int newMaxChildren) {
            return new Options(name, newMaxChildren, maxRestarts, maxSeconds);
        }

        /** These options allowing {@code newMaxRestarts} restarts within {@link #maxSeconds()} (Elixir's {@code max_restarts}). */
        public Options withMaxRestarts(int newMaxRestarts) {
            return new Options(name, maxChildren, newMaxRestarts, maxSeconds);
        }

        /** These options counting restarts within {@code newMaxSeconds} (Elixir's {@code max_seconds}). */
        public Options withMaxSeconds(Duration newMaxSeconds) {
            return new Options(name, maxChildren, maxRestarts, newMaxSeconds);
        }
    }

    // ---- starting and naming ----

    /** Starts a supervisor with the default options, not linked to the caller: always {@code Ok(pid)}. */
    public static StartResult start() {
        return start(Options.DEFAULT);
    }

    /**
     * Starts a supervisor, not linked to the caller; returns once it is running (and registered,
     * if named): {@code Ok(pid)}, or {@code Error(Term(AlreadyStarted(holder)))} if the name is
     * taken, as Elixir's {@code {:error, {:already_started, pid}}} (nothing is then left
     * running). Get a handle with {@link #of}; stop it with {@link #stop()}.
     */
    public static StartResult start(Options options) {
        return launch(options, false);
    }

    /** Starts a supervisor with the default options, linked to the caller: always {@code Ok(pid)}. */
    public static StartResult startLink() {
        return startLink(Options.DEFAULT);
    }

    /**
     * Starts a supervisor linked to the caller, its parent: when the parent exits, the supervisor
     * stops its children and exits with the same reason; if the supervisor gives up (too many
     * restarts) the parent receives its {@code shutdown} exit signal. Returns as {@link #start(Options)}
     * does; a supervisor refused its name is unlinked before it is stopped, so the caller gets no
     * exit signal from it.
     */
    public static StartResult startLink(Options options) {
        return launch(options, true);
    }

    /**
     * Its spec as the child of another supervisor, Elixir's {@code {Task.Supervisor, opts}}: type
     * supervisor, permanent, infinite shutdown (it stops its own children first). Each start is a
     * {@link #startLink(Options)} in the parent's process, so a restarted supervisor takes its
     * name again and a {@link #named} handle finds it; a name held by another process fails the
     * start with {@code AlreadyStarted(holder)} as its reason.
     */
    public static ChildSpec childSpec(Object id, Options options) {
        Objects.requireNonNull(options, "options");
        return ChildSpec.supervisor(id, () -> startLink(options));
    }

    private static StartResult launch(Options options, boolean link) {
        Objects.requireNonNull(options, "options");
        var loop = new SupervisorLoop(link ? Processes.self() : null, options);
        var pid = link ? Processes.spawnLink(loop) : Processes.spawn(loop);
        if (options.name().isEmpty()) {
            return new StartResult.Ok(pid);
        }
        var refused = register(options.name().get(), pid);
        if (refused.isPresent()) {
            Processes.unlink(pid);
            Processes.exit(pid, ExitReason.KILL);
            return new StartResult.Error(refused.get());
        }
        return new StartResult.Ok(pid);
    }

    /**
     * Registers the new supervisor {@code pid} as {@code name}; empty once registered, else why
     * not: {@code AlreadyStarted(holder)} for a live holder.
     */
    private static Optional<ExitReason> register(String name, Pid pid) {
        for (;;) {
            try {
                Processes.register(name, pid);
                return Optional.empty();
            } catch (IllegalArgumentException taken) {
                var holder = Processes.whereis(name);
                if (holder.isPresent()) {
                    return Optional.of(new AlreadyStarted(holder.get()).asReason());
                }
                if (!pid.isAlive()) {
                    // Killed before it took its name (only through its link to a caller that
                    // died): end with the caller's own exit, or report the supervisor gone.
                    Processes.checkExit();
                    return Optional.of(ExitReason.NOPROC);
                }
                // The holder ended between the two steps: the name is free, try again.
            }
        }
    }

    /** A handle on the supervisor {@code pid}. */
    public static TaskSupervisor of(Pid pid) {
        return new TaskSupervisor(Objects.requireNonNull(pid, "pid"), null);
    }

    /** A handle on whichever supervisor is registered as {@code name} when a call is made. */
    public static TaskSupervisor named(String name) {
        return new TaskSupervisor(null, Objects.requireNonNull(name, "name"));
    }

    /** The supervisor's pid now; empty if it is registered by name and no process has that name. */
    public Optional<Pid> pid() {
        return pid != null ? Optional.of(pid) : Processes.whereis(name);
    }

    // ---- tasks ----

    /**
     * Starts {@code fn} as a child of this supervisor, monitored by the caller and <em>not
     * linked</em> to it; returns at once. The caller owns the task: it receives the
     * {@link TaskReply} and then {@code Down(normal)} on success, or only the {@code Down} with the
     * reason on failure, and never dies of it. Collect with {@link Task#await}, {@link Task#yield}
     * and the rest, or match the messages yourself. The child is {@link Restart#TEMPORARY} and is
     * shut down with a 5-second grace when the supervisor stops. If the caller dies before the
     * task starts running, the task does not run.
     *
     * @throws MaxChildrenException if the supervisor has {@code maxChildren} children
     * @throws ExitException        if the supervisor is not alive ({@code noproc})
     */
    public <T> Task<T> asyncNolink(Callable<T> fn) {
        return startTask(fn, false, "asyncNolink");
    }

    /**
     * Starts {@code fn} as a child of this supervisor, linked to and monitored by the caller, as
     * {@link Task#async} does: a crash takes the caller down unless it traps exits.
     *
     * @throws MaxChildrenException if the supervisor has {@code maxChildren} children
     * @throws ExitException        if the supervisor is not alive ({@code noproc})
     */
    public <T> Task<T> async(Callable<T> fn) {
        return startTask(fn, true, "async");
    }

    private <T> Task<T> startTask(Callable<T> fn, boolean link, String function) {
        Objects.requireNonNull(fn, "fn");
        var owner = Processes.self();
        var alias = ReplyAlias.open();
        var child = startChecked(TaskBodies.supervised(owner, Callers.forChildOf(owner), alias, fn),
                ChildOptions.DEFAULT, function);
        if (link) {
            // The child waits for its Go, so it cannot have ended: link, then monitor and let go.
            Processes.link(child);
        }
        return Task.launch(child, owner, alias);
    }

    /** {@link #startChild(ProcessBody, ChildOptions)} with the defaults: temporary, 5-second shutdown. */
    public Pid startChild(ProcessBody fn) {
        return startChild(fn, ChildOptions.DEFAULT);
    }

    /**
     * Starts {@code fn} as a child of this supervisor, fire and forget: not linked to the caller,
     * not monitored, and restarted after it ends as {@link ChildOptions#restart()} says (never by
     * default). Returns the child's pid once it is started.
     *
     * @throws MaxChildrenException if the supervisor has {@code maxChildren} children
     * @throws ExitException        if the supervisor is not alive ({@code noproc})
     */
    public Pid startChild(ProcessBody fn, ChildOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(options, "options");
        return startChecked(TaskBodies.fireAndForget(Callers.forChild(), fn), options, "startChild");
    }

    /** Starts a child; null instead of {@link MaxChildrenException}, for streams. */
    Pid tryStartChild(ProcessBody body, ChildOptions options, String function) {
        var answer = call(function, List.of(this), new SupervisorLoop.StartChild(body, options));
        return answer instanceof Pid child ? child : null;
    }

    private Pid startChecked(ProcessBody body, ChildOptions options, String function) {
        var answer = call(function, List.of(this), new SupervisorLoop.StartChild(body, options));
        return switch (answer) {
            case Pid child -> child;
            case SupervisorLoop.Refused(var max) -> throw new MaxChildrenException(pid().orElse(null), max, function);
            default -> throw new IllegalStateException("unexpected answer " + answer);
        };
    }

    // ---- streams ----

    /** {@link #asyncStreamNolink(Iterable, TaskFunction, StreamOptions)} with the default options. */
    public <I, O> Stream<TaskResult<O>> asyncStreamNolink(Iterable<? extends I> input,
                                                          TaskFunction<? super I, ? extends O> fn) {
        return asyncStreamNolink(input, fn, StreamOptions.DEFAULT);
    }

    /**
     * {@link Task#asyncStream(Iterable, TaskFunction, StreamOptions)} with the tasks started as
     * children of this supervisor and <em>not linked</em> to the caller: a task that fails is an
     * {@link TaskResult.Exit} element and never ends the caller, whether or not it traps exits. The
     * stream is still lazy, bounded by {@code maxConcurrency}, closed by try-with-resources, and
     * its tasks are killed if the caller ends. An element the supervisor refuses (its
     * {@code maxChildren} is reached) is {@code Exit(max_children)}.
     */
    public <I, O> Stream<TaskResult<O>> asyncStreamNolink(Iterable<? extends I> input,
                                                          TaskFunction<? super I, ? extends O> fn,
                                                          StreamOptions options) {
        Objects.requireNonNull(input, "input");
        return AsyncStream.create(input::iterator, null, fn, options, new TaskSpawner.Supervised(this));
    }

    /** {@link #asyncStreamNolink(Stream, TaskFunction, StreamOptions)} with the default options. */
    public <I, O> Stream<TaskResult<O>> asyncStreamNolink(Stream<? extends I> input,
                                                          TaskFunction<? super I, ? extends O> fn) {
        return asyncStreamNolink(input, fn, StreamOptions.DEFAULT);
    }

    /**
     * {@link #asyncStreamNolink(Iterable, TaskFunction, StreamOptions)} over a {@link Stream},
     * pulled lazily and closed with the returned stream.
     */
    public <I, O> Stream<TaskResult<O>> asyncStreamNolink(Stream<? extends I> input,
                                                          TaskFunction<? super I, ? extends O> fn,
                                                          StreamOptions options) {
        Objects.requireNonNull(input, "input");
        return AsyncStream.create(input::iterator, input, fn, options, new TaskSpawner.Supervised(this));
    }

    // ---- inspection and control ----

    /** The supervisor's children alive now, in start order. */
    @SuppressWarnings("unchecked")
    public List<Pid> children() {
        return (List<Pid>) call("children", List.of(this), new SupervisorLoop.WhichChildren());
    }

    /**
     * Stops the child {@code child} as its {@link Shutdown} says, and returns once it is dead; it
     * is not restarted. Returns false (Elixir's {@code {:error, :not_found}}) if it is not a child
     * of this supervisor.
     */
    public boolean terminateChild(Pid child) {
        Objects.requireNonNull(child, "child");
        return (Boolean) call("terminateChild", List.of(this, child),
                new SupervisorLoop.TerminateChild(child));
    }

    /**
     * Stops the supervisor: it stops all its children, each as its {@link Shutdown} says, and
     * exits {@code normal}; this returns once it is dead, whatever its end. Does nothing if it is
     * not alive. A handle on a process that is no task supervisor stops it as
     * {@code GenServer.stop} does.
     *
     * @throws ExitException only if the caller itself is killed meanwhile
     */
    public void stop() {
        var target = pid();
        if (target.isEmpty()) {
            return;
        }
        var self = Processes.self();
        try {
            // GenServer's stop rather than a message of our own, which a process that is no task
            // supervisor would never answer; it waits for the end, which is all a stop promises.
            GenServer.stop(target.get(), ExitReason.NORMAL, Processes.INFINITY);
        } catch (ExitException endedOtherwise) {
            if (!self.isAlive()) {
                throw endedOtherwise; // our own exit: we were killed meanwhile
            }
        }
    }

    /**
     * A GenServer call rather than a message of the supervisor's own, which a pid that is no task
     * supervisor (a GenServer, another kind of supervisor) would take for a stray message and never
     * answer: such a process fails the call as any call it does not handle, with {@code bad_call}.
     */
    private Object call(String function, List<?> args, Object request) {
        var target = pid().orElseThrow(() -> failure(ExitReason.NOPROC, function, args));
        // Taken before the call: an adopted thread told of its death is adopted afresh by its next call.
        var self = Processes.self();
        try {
            return GenServer.call(target, request, Processes.INFINITY);
        } catch (ExitException e) {
            if (!self.isAlive()) {
                throw e; // we were killed meanwhile: our own exit, not the call's failure
            }
            var reason = e.reason() instanceof ExitReason.InCall genServerCall ? genServerCall.reason() : e.reason();
            throw failure(reason, function, args);
        }
    }

    private static ExitException failure(ExitReason reason, String function, List<?> args) {
        return new ExitException(new ExitReason.InCall(reason, "TaskSupervisor", function, args));
    }

    @Override
    public String toString() {
        return "TaskSupervisor[" + (pid != null ? pid : name) + "]";
    }
}
