package dev.amanah.otp.task;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Matcher;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A computation run in its own process whose result its owner collects later: Elixir's
 * {@code Task}.
 *
 * <h2>Async and await</h2>
 * <pre>{@code
 * var zakat = Task.async(() -> zakatReport(year, month));
 * var donations = Task.async(() -> donationReport(year, month));
 * var report = new Reports(zakat.await(Duration.ofMinutes(5)), donations.await(Duration.ofMinutes(5)));
 * // or: List<Report> all = Task.awaitMany(List.of(zakat, donations), Duration.ofMinutes(5));
 * }</pre>
 * {@link #async} starts a process that is <em>linked</em> to the caller and <em>monitored</em> by
 * it. The caller becomes the task's <em>owner</em>: only the owner may {@code await},
 * {@code yield}, {@code shutdown} or {@code ignore} the task, and any other process gets an
 * {@link IllegalArgumentException} ("must be queried from the owner"). The link means a crashing
 * task takes its owner down, and a dying owner takes its tasks down, unless the owner
 * {@linkplain Processes#trapExits traps exits}. Use {@link TaskSupervisor#asyncNolink} for work
 * that may fail without taking the caller with it.
 *
 * <h2>Messages</h2>
 * The task replies with a {@link TaskReply}{@code (ref, result)} message to its owner's mailbox;
 * when it ends, the monitor delivers a {@link Down} with the same ref. {@code await} and friends
 * take both out of the mailbox with a selective receive and leave nothing behind. A reply the owner
 * no longer waits for (after an await that timed out, {@code shutdown} or {@code ignore}) is never
 * sent.
 *
 * <h2>Timeouts and failures</h2>
 * Every wait takes a {@link Duration} (default {@link #DEFAULT_TIMEOUT}, 5 seconds;
 * {@link Processes#INFINITY} waits forever). A failed or timed-out {@code await} throws an
 * {@link ExitException} whose reason names the call, as OTP's
 * {@code {:timeout, {Task, :await, [task, 5000]}}}: an {@link ExitReason.InCall} with the cause
 * ({@link ExitReason#TIMEOUT} or the task's exit reason), {@code "Task"}, the function and its
 * arguments. Uncaught, it ends the owner with that reason (and, through the link, the task).
 * {@link #yield(Duration)} never throws for those: it answers empty, ok or exit, so the idiom for
 * "wait a while, then give up cleanly" is
 * <pre>{@code
 * Optional<TaskResult<Rate>> result = task.yield(Duration.ofSeconds(10)).or(task::shutdown);
 * // Elixir: Task.yield(task, 10_000) || Task.shutdown(task)
 * }</pre>
 *
 * <h2>Threads</h2>
 * A {@code Task} is a handle owned by one process; all its methods must be called from the owner's
 * thread, except {@link #pid()}, {@link #ref()}, {@link #owner()} and {@link #toString()}.
 *
 * @param <T> the result type
 */
public final class Task<T> {
    /** The default timeout of {@code await}, {@code yield} and {@code shutdown}: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Pid pid;
    private final Ref ref;
    private final Pid owner;
    private final ReplyAlias alias;
    /** Owner-only: the reply or the DOWN was consumed, or the owner stopped tracking the task. */
    private boolean settled;
    /**
     * Owner-only: an await or awaitMany gave up on the task (its timeout, or another task's
     * failure) while it ran on, still linked; {@link #shutdown(Shutdown)} still stops it.
     */
    private boolean abandoned;
    /** Owner-only: the mark of the last {@link TaskSet} that took this task in, and its index there. */
    Object collectedBy;
    int collectedAt;

    private Task(Pid pid, Ref ref, Pid owner, ReplyAlias alias) {
        this.pid = pid;
        this.ref = ref;
        this.owner = owner;
        this.alias = alias;
    }

    // ---- starting ----

    /**
     * Runs {@code fn} in a new process linked to and monitored by the caller, its owner; returns
     * at once. Collect the result with {@link #await()} or {@link #yield(Duration)}.
     * If {@code fn} throws, the task ends with a {@link ExitReason.Crash} (logged as a crash
     * report) and the link takes the owner down with the same reason, unless it traps exits.
     * The task's {@link #callers()} are the owner followed by the owner's own callers.
     */
    public static <T> Task<T> async(Callable<T> fn) {
        Objects.requireNonNull(fn, "fn");
        var owner = Processes.self();
        var alias = ReplyAlias.open();
        var callers = Callers.forChildOf(owner);
        // Linked and monitored before it runs, with its ref known: no go-ahead message is needed.
        var started = Processes.spawnLinkMonitor(callers, ref -> TaskBodies.linked(owner, alias, ref, fn));
        return new Task<>(started.pid(), started.ref(), owner, alias);
    }

    /** Monitors a supervised task process that waits for its {@link Go}, and lets it run. */
    static <T> Task<T> launch(Pid pid, Pid owner, ReplyAlias alias) {
        var ref = Processes.monitor(pid);
        pid.send(new Go(ref));
        return new Task<>(pid, ref, owner, alias);
    }

    /**
     * Fire and forget: runs {@code fn} in a new process that is neither linked to nor monitored by
     * the caller, and returns its pid (Elixir's {@code Task.start/1}). A crash is logged and
     * affects nobody. For work that must not be lost, prefer {@link TaskSupervisor#startChild}.
     */
    public static Pid start(ProcessBody fn) {
        Objects.requireNonNull(fn, "fn");
        return Processes.spawn(TaskBodies.fireAndForget(Callers.forChild(), fn));
    }

    /**
     * Runs {@code fn} in a new process linked to the caller and returns its pid (Elixir's
     * {@code Task.start_link/1}): for a task that is part of a supervision tree, whose result
     * nobody awaits. Like every task it is a temporary child: a supervisor never restarts it by
     * default.
     */
    public static Pid startLink(ProcessBody fn) {
        Objects.requireNonNull(fn, "fn");
        return Processes.spawnLink(TaskBodies.fireAndForget(Callers.forChild(), fn));
    }

    /**
     * A task that has already replied {@code value}, without a process (Elixir's
     * {@code Task.completed/1}): its {@link #pid()} is empty, and awaiting it returns
     * {@code value} at once. Useful to mix known results into {@link #awaitMany}.
     */
    public static <T> Task<T> completed(T value) {
        var self = Processes.self();
        var ref = new Ref();
        self.send(new TaskReply<>(ref, value));
        return new Task<>(null, ref, self, ReplyAlias.committed());
    }

    /**
     * The calling process's callers, nearest first (Elixir's {@code $callers}): for a process
     * started by this package ({@code async}, {@code start}, streams, task supervisors), the
     * process that started it, then that one's callers. Empty for any other process.
     */
    public static List<Pid> callers() {
        return Callers.current();
    }

    // ---- collecting one task ----

    /** {@link #await(Duration)} with the default timeout, 5 seconds. */
    public T await() {
        return await(DEFAULT_TIMEOUT);
    }

    /**
     * Waits for the task's reply and returns it; blocks up to {@code timeout}. On success no
     * message of the task stays in the mailbox: when its {@link Down} is already queued too, it is
     * removed. Await is one-shot.
     *
     * @throws ExitException            with {@code InCall(reason, "Task", "await", [task, timeout])}:
     *                                  reason {@link ExitReason#TIMEOUT} if no reply came in time
     *                                  (the owner stops tracking the task, whose late reply is never
     *                                  delivered; the task keeps running, linked, until
     *                                  {@link #shutdown(Shutdown)} stops it), or the task's
     *                                  exit reason if it ended without replying ({@code normal}
     *                                  included). A linked task that crashed usually ends the owner
     *                                  first, through the link.
     * @throws IllegalArgumentException if the caller is not the owner
     * @throws IllegalStateException    if the task's result was already taken (await, a yield
     *                                  that returned a result, shutdown, ignore); Elixir would
     *                                  wait for the timeout instead
     */
    public T await(Duration timeout) {
        Timeouts.check(timeout);
        checkQuery("await");
        var outcome = receiveOutcome(timeout);
        var result = outcome != null ? settle(outcome) : abandon().orElse(null);
        return switch (result) {
            case null -> throw failure(ExitReason.TIMEOUT, "await", List.of(this, timeout));
            case TaskResult.Ok<T>(var value) -> value;
            case TaskResult.Exit<T>(var reason) -> throw failure(reason, "await", List.of(this, timeout));
        };
    }

    /** {@link #yield(Duration)} with the default timeout, 5 seconds. */
    public Optional<TaskResult<T>> yield() {
        return this.yield(DEFAULT_TIMEOUT);
    }

    /**
     * Waits up to {@code timeout} for the task to reply or end; never throws for either.
     * <ul>
     *   <li>{@link TaskResult.Ok}: it replied (its {@code Down}, if queued, is removed);</li>
     *   <li>{@link TaskResult.Exit}: it ended without replying. For a linked task this is only seen
     *       if it exited {@code normal} or the owner traps exits: any other exit took the owner
     *       down through the link;</li>
     *   <li>empty: no news yet. The task is still tracked: yield again, await, or shut it down.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the caller is not the owner
     * @throws IllegalStateException    if the task's result was already taken
     */
    public Optional<TaskResult<T>> yield(Duration timeout) {
        Timeouts.check(timeout);
        checkQuery("yield");
        var outcome = receiveOutcome(timeout);
        return outcome == null ? Optional.empty() : Optional.of(settle(outcome));
    }

    // ---- stopping ----

    /** {@link #shutdown(Shutdown)} with a 5-second grace period. */
    public Optional<TaskResult<T>> shutdown() {
        return shutdown(Shutdown.DEFAULT);
    }

    /** {@link #shutdown(Shutdown)} with a grace period of {@code timeout}. */
    public Optional<TaskResult<T>> shutdown(Duration timeout) {
        return shutdown(Shutdown.timeout(timeout));
    }

    /**
     * Stops the task: unlinks it, sends it the exit signal {@code shutdown} and waits up to the
     * grace period for it to end (only a task that traps exits takes any time), then kills it;
     * with {@link Shutdown#BRUTAL_KILL} it kills at once. Blocks until the task is dead. The
     * result is read as Elixir's {@code Task.shutdown/2} reads it.
     *
     * @return {@link TaskResult.Ok} if the task replied before it ended (a reply that raced in,
     *         or one a task trapping exits sent within its grace period); empty if the task ended
     *         of this shutdown: with {@code shutdown} after the signal, or {@code killed} by a
     *         brutal kill; {@link TaskResult.Exit} with its reason otherwise, including
     *         {@code Exit(killed)} for a task killed because it outlived its grace period, or
     *         killed by another process; {@code Exit(noproc)} if its result was already taken,
     *         if it was ignored, or if it has ended since an {@code await} or {@code awaitMany}
     *         gave up on it (one still running is stopped, as Elixir's shutdown does).
     *         Nothing of the task stays in the mailbox.
     * @throws IllegalArgumentException if the caller is not the owner
     */
    public Optional<TaskResult<T>> shutdown(Shutdown how) {
        Objects.requireNonNull(how, "how");
        checkOwner();
        if (settled) {
            if (!abandoned) {
                return Optional.of(new TaskResult.Exit<>(ExitReason.NOPROC));
            }
            // Untracked since it was abandoned (no reply, no Down of ours can come): watched
            // afresh, as Elixir's shutdown does; a task that has ended since answers noproc.
            abandoned = false;
            var watch = Processes.monitor(pid);
            return readShutdown(stop(how, message -> message instanceof Down down && down.ref() == watch ? down : null), how);
        }
        if (pid == null) {
            return detach();
        }
        var down = stop(how, this::matchDown);
        settled = true;
        // The task is dead and can send nothing more; a reply it sent comes before its Down.
        alias.close();
        if (Processes.receive(Duration.ZERO, this::matchReply) instanceof TaskReply<?> reply) {
            return Optional.of(ok(reply));
        }
        return readShutdown(down, how);
    }

    /** Unlinks the task, signals it as {@code how} says and waits for its end; its Down, as {@code downs} matches it. */
    private Down stop(Shutdown how, Matcher<Down> downs) {
        Processes.unlink(pid);
        Processes.exit(pid, how instanceof Shutdown.BrutalKill ? ExitReason.KILL : ExitReason.SHUTDOWN);
        var down = Processes.receive(how instanceof Shutdown.Timeout(var grace) ? grace : Processes.INFINITY, downs);
        if (down == null) {
            Processes.exit(pid, ExitReason.KILL);
            down = Processes.receive(downs);
        }
        return down;
    }

    /** Elixir's reading of a shutdown's Down: empty if the task ended of this shutdown, else its exit. */
    private Optional<TaskResult<T>> readShutdown(Down down, Shutdown how) {
        boolean brutal = how instanceof Shutdown.BrutalKill;
        return switch (down.reason()) {
            case ExitReason.Shutdown(var detail) when detail == null && !brutal -> Optional.empty();
            case ExitReason.Killed killed when brutal -> Optional.empty();
            case ExitReason reason -> Optional.of(new TaskResult.Exit<>(reason));
        };
    }

    /**
     * Stops tracking the task and lets it run on: unlinks and demonitors it (Elixir's
     * {@code Task.ignore/1}). Its reply will never arrive; its crash no longer affects the owner.
     * Never blocks for long: it only waits for a reply that the task has already committed to.
     *
     * @return the result if the task had already replied ({@code Ok}) or ended ({@code Exit});
     *         empty if it is still running, or if its result was already taken
     * @throws IllegalArgumentException if the caller is not the owner
     */
    public Optional<TaskResult<T>> ignore() {
        checkOwner();
        if (settled) {
            if (abandoned) { // still linked since an await gave up on it: its crash would still count
                abandoned = false;
                Processes.unlink(pid);
            }
            return Optional.empty();
        }
        if (pid != null) {
            Processes.unlink(pid);
        }
        return detach();
    }

    // ---- collecting many tasks ----

    /** {@link #awaitMany(List, Duration)} with the default timeout, 5 seconds. */
    public static <T> List<T> awaitMany(List<? extends Task<? extends T>> tasks) {
        return awaitMany(tasks, DEFAULT_TIMEOUT);
    }

    /**
     * Awaits all {@code tasks}, sharing one deadline {@code timeout} from now, and returns their
     * results in the order of {@code tasks} (nulls included). Whatever order the replies arrive
     * in, each message is examined once: the cost is linear in the number of tasks (plus, per
     * receive, the unrelated messages already queued before them).
     *
     * @throws ExitException            with {@code InCall(reason, "Task", "awaitMany", [tasks, timeout])}
     *                                  if the deadline passes ({@link ExitReason#TIMEOUT}) or any
     *                                  task ends without replying (its reason); the tasks not yet
     *                                  collected are then ignored (demonitored, still linked) so
     *                                  that a caller that catches it finds no stray messages
     * @throws IllegalArgumentException if the caller does not own every task
     * @throws IllegalStateException    if a task's result was already taken
     */
    public static <T> List<T> awaitMany(List<? extends Task<? extends T>> tasks, Duration timeout) {
        Timeouts.check(timeout);
        var set = new TaskSet(tasks, "awaitMany");
        long deadline = Timeouts.deadline(timeout);
        while (set.hasPending()) {
            ExitReason failure = switch (set.receiveOne(deadline)) {
                case TaskSet.OK -> null;
                case TaskSet.EXITED -> set.lastExit();
                default -> ExitReason.TIMEOUT;
            };
            if (failure != null) {
                set.abandonPending();
                throw failure(failure, "awaitMany", List.of(List.copyOf(tasks), timeout));
            }
        }
        set.flushDowns();
        var values = new ArrayList<T>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            @SuppressWarnings("unchecked")
            var value = (T) set.valueAt(i);
            values.add(value);
        }
        return Collections.unmodifiableList(values);
    }

    /** {@link #yieldMany(List, YieldOptions)} with a total timeout and the other defaults. */
    public static <T> List<Yielded<T>> yieldMany(List<Task<T>> tasks, Duration timeout) {
        return yieldMany(tasks, YieldOptions.DEFAULT.withTimeout(timeout));
    }

    /**
     * Waits for many tasks at once, sharing one deadline, and returns each task with its result,
     * in the order of {@code tasks}: {@code Ok} or {@code Exit} for the tasks that replied or
     * ended, empty for the others (Elixir's {@code Task.yield_many/2}). Never throws for a task's
     * failure or the timeout.
     * <ul>
     *   <li>When {@link YieldOptions#limit()} tasks have a result, it returns at once, and the
     *       others stay tracked, whatever {@code onTimeout} says.</li>
     *   <li>When the timeout passes first, the tasks without a result are left alone
     *       ({@code NOTHING}: they may be yielded again), {@linkplain #ignore() ignored}
     *       ({@code IGNORE}) or {@linkplain #shutdown(Shutdown) killed} ({@code KILL_TASK}); a
     *       result that raced in while doing so is reported.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the caller does not own every task
     * @throws IllegalStateException    if a task's result was already taken
     */
    public static <T> List<Yielded<T>> yieldMany(List<Task<T>> tasks, YieldOptions options) {
        Objects.requireNonNull(options, "options");
        var set = new TaskSet(tasks, "yieldMany");
        long deadline = Timeouts.deadline(options.timeout());
        boolean timedOut = false;
        while (set.hasPending() && set.resolved() < options.limit()) {
            if (set.receiveOne(deadline) == TaskSet.NO_RESULT) {
                timedOut = true;
                break;
            }
        }
        if (timedOut && options.onTimeout() != YieldOptions.OnTimeout.NOTHING) {
            set.stopPending(options.onTimeout() == YieldOptions.OnTimeout.KILL_TASK);
        }
        set.flushDowns();
        set.givePendingBack();
        var yielded = new ArrayList<Yielded<T>>(tasks.size());
        int position = 0;
        for (var task : tasks) {
            @SuppressWarnings("unchecked")
            var result = (TaskResult<T>) set.resultAt(position++);
            yielded.add(new Yielded<>(task, Optional.ofNullable(result)));
        }
        return Collections.unmodifiableList(yielded);
    }

    /**
     * One entry of {@link #yieldMany}: Elixir's {@code {task, result}}.
     *
     * @param task   the task
     * @param result its result, or empty if it has none (yet)
     */
    public record Yielded<T>(Task<T> task, Optional<TaskResult<T>> result) {
        public Yielded {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(result, "result");
        }
    }

    // ---- streams ----

    /** {@link #asyncStream(Iterable, TaskFunction, StreamOptions)} with the default options. */
    public static <I, O> Stream<TaskResult<O>> asyncStream(Iterable<? extends I> input,
                                                           TaskFunction<? super I, ? extends O> fn) {
        return asyncStream(input, fn, StreamOptions.DEFAULT);
    }

    /**
     * Runs {@code fn} on every element of {@code input}, each in its own task, with at most
     * {@link StreamOptions#maxConcurrency()} tasks alive at any time, and returns a lazy stream of
     * the results (Elixir's {@code Task.async_stream/3}).
     * <ul>
     *   <li><b>Lazy</b>: nothing starts until the stream is consumed; input elements are pulled
     *       only when a task slot is free. The stream is sequential and must be consumed by one
     *       process, the one that starts consuming it (its owner); another process that pulls
     *       from it gets an {@link IllegalArgumentException}, as a task's non-owner does.</li>
     *   <li><b>Results</b>: {@link TaskResult.Ok} with the function's value, in input order if
     *       {@link StreamOptions#ordered()} (the default; a slow element then holds back the
     *       results behind it, and the window of started-but-unemitted elements is bounded by
     *       {@code maxConcurrency}), else in completion order.</li>
     *   <li><b>Failures</b>: the tasks are linked to an intermediate process that is linked to the
     *       owner, so a crashing task ends the owner with its reason and a dying owner ends every
     *       task. Only if the owner traps exits (when the stream starts) does a crash become an
     *       {@link TaskResult.Exit} element instead. A task that exits {@code normal} without
     *       result is always an {@code Exit(normal)} element.</li>
     *   <li><b>Timeouts</b>: each task may run for {@link StreamOptions#timeout()} (5 s by
     *       default). With {@code OnTimeout.EXIT} (default) an overrun ends every task and throws
     *       {@link ExitException} with {@code InCall(timeout, "Task", "asyncStream", [timeout])}
     *       out of the stream operation; with {@code KILL_TASK} only that task is killed, and its
     *       element is {@code Exit(timeout)}.</li>
     *   <li><b>Closing</b>: closing the stream kills every task still running and waits until
     *       they are dead. <strong>Use it in try-with-resources</strong> whenever it may not be
     *       consumed to the end ({@code limit}, {@code findFirst}, {@code anyMatch}, an exception in
     *       the pipeline): a short-circuiting operation stops pulling but cannot tell the stream
     *       it is finished. An unclosed, abandoned stream is stopped when it is garbage-collected,
     *       and in any case when its owner ends; up to {@code maxConcurrency} elements may have
     *       started beyond the last one consumed.</li>
     * </ul>
     * <pre>{@code
     * try (var results = Task.asyncStream(donations, this::verify,
     *         StreamOptions.DEFAULT.withMaxConcurrency(10).withTimeout(Duration.ofSeconds(30))
     *                 .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK))) {
     *     return results.map(r -> switch (r) {
     *         case TaskResult.Ok<Verdict>(var verdict) -> verdict;
     *         case TaskResult.Exit<Verdict>(var reason) -> Verdict.failed(reason);
     *     }).toList();
     * }
     * }</pre>
     * Exceptions thrown by {@code input} while it is pulled propagate out of the stream
     * operation.
     */
    public static <I, O> Stream<TaskResult<O>> asyncStream(Iterable<? extends I> input,
                                                           TaskFunction<? super I, ? extends O> fn,
                                                           StreamOptions options) {
        Objects.requireNonNull(input, "input");
        return AsyncStream.create(input::iterator, null, fn, options, TaskSpawner.LINKED);
    }

    /** {@link #asyncStream(Stream, TaskFunction, StreamOptions)} with the default options. */
    public static <I, O> Stream<TaskResult<O>> asyncStream(Stream<? extends I> input,
                                                           TaskFunction<? super I, ? extends O> fn) {
        return asyncStream(input, fn, StreamOptions.DEFAULT);
    }

    /**
     * {@link #asyncStream(Iterable, TaskFunction, StreamOptions)} over a {@link Stream}, which is
     * pulled lazily through its iterator and closed when the returned stream is closed.
     */
    public static <I, O> Stream<TaskResult<O>> asyncStream(Stream<? extends I> input,
                                                           TaskFunction<? super I, ? extends O> fn,
                                                           StreamOptions options) {
        Objects.requireNonNull(input, "input");
        return AsyncStream.create(input::iterator, input, fn, options, TaskSpawner.LINKED);
    }

    // ---- accessors ----

    /** The task's process; empty for a {@link #completed} task. */
    public Optional<Pid> pid() {
        return Optional.ofNullable(pid);
    }

    /** The task's ref: the tag of its {@link TaskReply} and the ref of its {@link Down}. */
    public Ref ref() {
        return ref;
    }

    /** The process that started the task, the only one allowed to query it. */
    public Pid owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "Task[pid=" + (pid == null ? "nil" : pid) + ", ref=" + ref + ", owner=" + owner + "]";
    }

    // ---- internals, owner side ----

    void checkOwner() {
        checkOwner(Processes.self());
    }

    /** {@link #checkOwner()} for a caller that knows its pid already. */
    private void checkOwner(Pid self) {
        if (self != owner) {
            throw new IllegalArgumentException(
                    "task " + this + " must be queried from the owner but was queried from " + self);
        }
    }

    void checkQuery(String operation) {
        checkQuery(operation, Processes.self());
    }

    /** {@link #checkQuery(String)} for a caller that knows its pid already. */
    void checkQuery(String operation, Pid self) {
        checkOwner(self);
        if (settled) {
            throw new IllegalStateException("the result of task " + this + " was already taken;"
                    + " " + operation + " would wait in vain");
        }
    }

    private Object receiveOutcome(Duration timeout) {
        return Processes.receive(timeout, this::matchOutcome);
    }

    Object matchOutcome(Object message) {
        return message instanceof TaskReply<?> reply && reply.ref() == ref
                || message instanceof Down down && down.ref() == ref ? message : null;
    }

    private TaskReply<?> matchReply(Object message) {
        return message instanceof TaskReply<?> reply && reply.ref() == ref ? reply : null;
    }

    private Down matchDown(Object message) {
        return message instanceof Down down && down.ref() == ref ? down : null;
    }

    /** Turns the reply or Down just received into the result, removing the Down if needed. */
    private TaskResult<T> settle(Object outcome) {
        settled = true;
        TaskResult<T> result = switch (outcome) {
            case TaskReply<?> reply -> ok(reply);
            case Down down -> new TaskResult.Exit<>(down.reason());
            default -> throw new IllegalArgumentException("not an outcome of " + this + ": " + outcome);
        };
        if (result instanceof TaskResult.Ok<T> && downWillCome()) {
            Processes.receive(this::matchDown);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private TaskResult<T> ok(TaskReply<?> reply) {
        return new TaskResult.Ok<>((T) reply.result());
    }

    /**
     * For a {@link TaskSet}: marks the task settled as the set takes it in, so that the set need
     * not visit it again when its result comes; see {@link #giveBack()}.
     */
    void takeIn() {
        settled = true;
    }

    /** For a {@link TaskSet}: the task, taken in but not collected, is tracked again. */
    void giveBack() {
        settled = false;
    }

    boolean hasProcess() {
        return pid != null;
    }

    /**
     * After the reply: demonitors the task; true if its Down was already sent (the task has ended),
     * so it is, or will shortly be, in the mailbox and must be taken out.
     */
    boolean downWillCome() {
        return pid != null && !Processes.demonitor(ref);
    }

    /**
     * Stops tracking the task: afterwards neither its reply nor its Down reaches the owner.
     * Returns the result if the task had replied (or committed to reply) or ended; empty if it
     * runs on.
     */
    Optional<TaskResult<T>> detach() {
        settled = true;
        if (pid == null) {
            // A completed task's reply was queued at once: it is there, unless another receive took it.
            var reply = Processes.receive(Duration.ZERO, this::matchOutcome);
            return reply == null ? Optional.empty() : Optional.of(settle(reply));
        }
        if (alias.close()) {
            if (Processes.demonitor(ref)) {
                return Optional.empty();
            }
            return Optional.of(settle(Processes.receive(this::matchDown)));
        }
        // The reply was committed: it precedes any Down.
        return Optional.of(settle(Processes.receive(this::matchOutcome)));
    }

    /** {@link #detach()} for an await or awaitMany that gives up on the task: if it runs on, it can still be shut down. */
    Optional<TaskResult<T>> abandon() {
        var result = detach();
        abandoned = result.isEmpty() && pid != null;
        return result;
    }

    static ExitException failure(ExitReason reason, String function, List<?> args) {
        return new ExitException(new ExitReason.InCall(reason, "Task", function, args));
    }
}
