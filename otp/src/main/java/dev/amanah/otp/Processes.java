package dev.amanah.otp;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lightweight processes with mailboxes, links and monitors, as on the BEAM: Elixir's
 * {@code Kernel.spawn/send/receive} and {@code Process} module, on JDK virtual threads.
 *
 * <h2>Processes</h2>
 * A process is a virtual thread with a mailbox, a {@link Pid}, links, monitors and, once it has
 * ended, an {@link ExitReason}. Processes share nothing but messages: send immutable values
 * (records, strings, immutable collections). Any Java thread that calls this API (such as
 * {@code main}, a test runner's thread or a web server's thread) is adopted as a process on first
 * use; when that thread ends, its process ends with {@code normal}. An adopted thread whose
 * process was ended by an exit signal is told as a spawned process is (its next call throws
 * {@link ExitException}); its calls after that adopt it as a new process.
 * <p>
 * An adopted thread is one process for as long as it lives, whatever it runs: a pooled thread
 * (an executor's, a web server's worker) carries its process from one task to the next, with its
 * mailbox, links, monitors and {@link #trapExits} flag, so a message or an {@code Exit} one task
 * left unreceived is there for the next, and a link one task made can end a later one. Code on
 * pooled threads that needs a process of its own should {@link #spawn} one (or use a
 * {@code Task}) and wait for its answer, rather than use the pool thread's.
 *
 * <h2>Exits</h2>
 * A process ends when its body returns ({@code normal}), throws an {@link ExitException} (its
 * reason) or throws anything else (a {@link ExitReason.Crash}, logged as a crash report). An exit
 * signal ({@link #exit(Pid, ExitReason)}, or a linked process ending) ends it at once for
 * everybody else: links and monitors fire, its name is freed, {@link #isAlive} turns false, and
 * anything it sends afterwards is dropped. Its own code then stops at the next call into this API
 * that blocks or sends, which throws {@link ExitException}: a blocked {@code receive},
 * {@code sleep} or other interruptible JDK call is interrupted. <strong>A loop that never blocks
 * cannot be stopped by the JVM</strong>; call {@link #checkExit()} in long computations.
 * <p>
 * A killed process's {@code finally} blocks still run while its stack unwinds (Erlang runs none);
 * they may not send messages, and must not rely on running at all: like OTP's {@code terminate},
 * they are not a guarantee.
 *
 * <h2>Threads</h2>
 * Every method is thread-safe. {@code send}, {@code spawn} and {@code receive} take no global
 * lock. Blocking methods block only the calling virtual thread.
 */
public final class Processes {
    /** A timeout that never expires: Erlang's {@code :infinity}. */
    public static final Duration INFINITY = ChronoUnit.FOREVER.getDuration();

    private Processes() {
    }

    // ---- identity and creation ----

    /** The calling process's pid, adopting the calling thread as a process if it is not one. */
    public static Pid self() {
        return Node.current().pid;
    }

    /**
     * Starts a process running {@code body}: Elixir's {@code spawn/1}. The new process is not
     * linked to the caller; its crash is logged and affects nobody else. A plain thread that is
     * no process may call it too, without being adopted.
     *
     * @throws ExitException if the caller is a process that has been killed (nothing is started)
     */
    public static Pid spawn(ProcessBody body) {
        Objects.requireNonNull(body, "body");
        var parent = Node.currentOrNull();
        if (parent != null && !parent.isAlive() && !(parent.adopted && parent.deathTold)) {
            throw parent.deathNotice();
        }
        var child = Node.create();
        Node.start(child, body, parent);
        if (parent != null) {
            parent.chargeSpawn();
        }
        return child.pid;
    }

    /**
     * Starts a process linked to the caller, atomically: Elixir's {@code spawn_link/1}. If either
     * ends with an abnormal reason, the other receives the exit signal.
     */
    public static Pid spawnLink(ProcessBody body) {
        Objects.requireNonNull(body, "body");
        var parent = Node.current();
        parent.checkAlive();
        var child = Node.create();
        relateOrUnwind(parent, child, true, null);
        Node.start(child, body, parent);
        parent.chargeSpawn();
        return child.pid;
    }

    /**
     * Starts a process and monitors it, atomically: Elixir's {@code spawn_monitor/1}. The caller
     * receives exactly one {@link Down} with the returned ref when it ends.
     */
    public static Monitored spawnMonitor(ProcessBody body) {
        Objects.requireNonNull(body, "body");
        var parent = Node.current();
        parent.checkAlive();
        var child = Node.create();
        var ref = new MonitorRef(parent, child);
        relateOrUnwind(parent, child, false, ref);
        Node.start(child, body, parent);
        parent.chargeSpawn();
        return new Monitored(child.pid, ref);
    }

    /**
     * Starts a process linked to and monitored by the caller, atomically, as Erlang's
     * {@code spawn_opt(fun, [link, monitor])}: the link and the monitor exist before the new
     * process runs, so it cannot end unseen. {@code body} is built from the monitor's ref, before
     * the process starts, so the process can tag what it sends with it (as a task tags its reply,
     * whose ref is that of its {@link Down}). Exits and the {@link Down} are as for
     * {@link #spawnLink} and {@link #spawnMonitor}.
     *
     * @throws ExitException if the caller has been killed (nothing is started)
     */
    public static Monitored spawnLinkMonitor(Function<Ref, ProcessBody> body) {
        return spawnLinkMonitor(null, body);
    }

    /**
     * {@link #spawnLinkMonitor(Function)} for a process that starts with {@code callers}
     * recorded as its {@link #callers()}, as if it had called {@link #putCallers} first (as
     * Elixir's {@code Task} records {@code $callers} in the task it starts). Recorded before the
     * process runs, by the caller: the new process need not look itself up to record them.
     *
     * @param callers the new process's callers, nearest first, or null for none
     * @throws ExitException        if the caller has been killed (nothing is started)
     * @throws NullPointerException if {@code body}, or an element of {@code callers}, is null
     */
    public static Monitored spawnLinkMonitor(List<Pid> callers, Function<Ref, ProcessBody> body) {
        Objects.requireNonNull(body, "body");
        var chain = callers == null ? null : List.copyOf(callers);
        var parent = Node.current();
        parent.checkAlive();
        var child = Node.create();
        child.callerChain = chain; // published to the child's thread by its start
        var ref = new MonitorRef(parent, child);
        var processBody = Objects.requireNonNull(body.apply(ref), "body");
        relateOrUnwind(parent, child, true, ref);
        Node.start(child, processBody, parent);
        parent.chargeSpawn();
        return new Monitored(child.pid, ref);
    }

    /**
     * Links and/or monitors {@code child}, not started yet, from {@code parent}; throws the
     * parent's exit if it was killed after its last check, so that the child is never started:
     * spawning linked is atomic (a child either dies with its parent or does not exist), and a
     * child started unrelated to a dead parent would run on unseen.
     */
    private static void relateOrUnwind(ProcessCell parent, ProcessCell child, boolean linked, MonitorRef monitor) {
        if (!parent.relateNewChild(child, linked, monitor)) {
            throw parent.deathNotice();
        }
    }

    /**
     * The calling process's callers, nearest first: the {@code $callers} entry that Elixir keeps
     * in a process's dictionary, as recorded by {@link #putCallers}. Empty if none was recorded
     * (a process not started by the {@code task} package) and on a thread that is no process;
     * never adopts the calling thread. Reads the calling process only; no lock, never blocks.
     */
    public static List<Pid> callers() {
        var self = Node.currentOrNull();
        var chain = self == null ? null : self.callerChain;
        return chain == null ? List.of() : chain;
    }

    /**
     * Records {@code callers} (nearest first) as the calling process's callers, replacing any
     * recorded before; {@link #callers()} returns them, as an unmodifiable copy (the list itself
     * when it is one of the JDK's unmodifiable lists already). A process starting a task records
     * its own pid followed by its callers, as Elixir's {@code Task} does. Adopts the calling
     * thread if it is no process yet.
     *
     * @throws NullPointerException if {@code callers} or one of its elements is null
     */
    public static void putCallers(List<Pid> callers) {
        Node.current().callerChain = List.copyOf(callers);
    }

    // ---- messages ----

    /**
     * Sends {@code message} to {@code pid}; never blocks, never fails: a message to a dead process
     * is dropped (Erlang's {@code send/2}). Messages from one sender to one receiver arrive in the
     * order sent, and before any {@link Down} or {@link Exit} that reports the sender's death.
     *
     * @throws ExitException if the calling process itself has been killed or taken down by an
     *                       exit signal: its message is dropped and its code stops here
     */
    public static void send(Pid pid, Object message) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(message, "message");
        var target = pid.cell;
        var sender = Node.currentOrNull();
        if (sender == null) {
            target.enqueue(message); // from a thread that is no process
            return;
        }
        if (sender.adopted && !sender.isAlive()) {
            sender = Node.current(); // a dead adopted process is told (this throws) or replaced
        }
        sender.startSend();
        try {
            // A dead process sends nothing: the enqueue checks the sender once its message has a
            // place, and drops it if the sender died (see ProcessCell.startSend). The target's
            // liveness is not read here, at every send: see Mailbox.enqueueFrom.
            if (!target.enqueueFrom(sender, message)) {
                throw sender.deathNotice();
            }
        } finally {
            sender.endSend();
        }
    }

    /**
     * Leaves {@code message} for {@code pid}, to be sent as the calling process ends, whatever the
     * reason, ahead of anything the end sends to {@code pid}: the {@link Exit} of a link, the
     * {@link Down} of a monitor. So {@code pid} receives the message before it can learn of the
     * end, as if the caller had sent it just before ending. Once this returns, the message will be
     * sent (and dropped only if {@code pid} is dead by then, as any message); if the caller has
     * been killed, this throws and the message is not sent. Messages left by several calls are
     * sent in the order left.
     *
     * <p>Not an Erlang call. {@link dev.amanah.otp.task.Task} uses it for a task's reply, which is
     * its last act: when the recipient is the process it is linked to and that monitors it (a
     * task's owner), the message and the {@code Down} (or the {@code Exit}, if the recipient traps
     * exits) are appended to its mailbox in one step, where a reply sent as usual and then the
     * {@code Down} were two, each taking the mailbox's tail from whichever core wrote it last.
     *
     * @throws ExitException if the calling process has been killed (the message is not sent)
     */
    public static void sendOnExit(Pid pid, Object message) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(message, "message");
        Node.current().leaveFarewell(pid.cell, message);
    }

    /**
     * Sends {@code message} to the process registered as {@code name}.
     *
     * @throws IllegalArgumentException if no process is registered under {@code name} (Erlang's
     *                                  {@code badarg})
     */
    public static void send(String name, Object message) {
        send(whereis(name).orElseThrow(
                () -> new IllegalArgumentException("no process is registered as " + name)), message);
    }

    /** Waits for the next message, however long it takes, and returns it. */
    public static Object receive() {
        var self = Node.current();
        self.checkAlive();
        return handled(self, self.takeAny(Mailbox.FOREVER));
    }

    /**
     * Returns the next message, or null if none arrives within {@code timeout}.
     * {@link Duration#ZERO} looks without waiting; {@link #INFINITY} waits forever.
     */
    public static Object receive(Duration timeout) {
        var self = Node.current();
        self.checkAlive();
        return handled(self, self.takeAny(deadline(timeout)));
    }

    /**
     * Selective receive, waiting forever: returns the matcher's answer for the oldest message it
     * accepts. Messages it declines stay in the mailbox, in order, for later receives.
     */
    public static <T> T receive(Matcher<T> matcher) {
        Objects.requireNonNull(matcher, "matcher");
        var self = Node.current();
        self.checkAlive();
        return handled(self, self.take(matcher, Mailbox.FOREVER));
    }

    /**
     * Selective receive with a timeout: the matcher's answer for the oldest message it accepts,
     * or null if none arrives within {@code timeout}. Declined messages stay, in order.
     */
    public static <T> T receive(Duration timeout, Matcher<T> matcher) {
        Objects.requireNonNull(matcher, "matcher");
        var self = Node.current();
        self.checkAlive();
        return handled(self, self.take(matcher, deadline(timeout)));
    }

    /**
     * Selective receive with an {@code after} clause: the matcher's answer for the oldest message
     * it accepts, or {@code after}'s value if none arrives within {@code timeout}.
     */
    public static <T> T receive(Duration timeout, Matcher<T> matcher, Supplier<? extends T> after) {
        T answer = receive(timeout, matcher);
        return answer != null ? answer : after.get();
    }

    /**
     * The calling process's queued messages, oldest first, without removing them (Erlang's
     * {@code Process.info(self(), :messages)}). For diagnostics and tests: O(n).
     */
    public static List<Object> messages() {
        return Node.current().peek();
    }

    private static <T> T handled(ProcessCell self, T message) {
        if (message != null) {
            self.charge();
        }
        return message;
    }

    // ---- requests (the core of GenServer.call) ----

    /**
     * Sends a request to {@code target} and waits for its answer only: the caller waits in O(1)
     * whatever else is in its mailbox, and an answer that arrives after the timeout is dropped,
     * never queued. {@code message} builds the request around a {@link ReplyTo} that the target
     * passes to {@link #reply(ReplyTo, Object)}. If the target dies first, the call fails with its exit reason.
     *
     * @return the answer, which may be null
     * @throws ExitException with {@link ExitReason#TIMEOUT} if no answer came in time,
     *                       {@link ExitReason#NOPROC} if the target was not alive, the target's
     *                       own exit reason if it ended before answering, or
     *                       {@link ExitReason#CALLING_SELF} if the target is the caller. The reason
     *                       is bare; callers such as {@code GenServer} wrap it to name the call.
     */
    public static Object request(Pid target, Function<ReplyTo, Object> message, Duration timeout) {
        Objects.requireNonNull(target, "target");
        var self = Node.current();
        self.checkAlive();
        var server = target.cell;
        if (server == self) {
            throw ExitException.unwinding(ExitReason.CALLING_SELF);
        }
        long deadline = deadline(timeout);
        var call = self.pendingCall;
        if (call == null) {
            self.pendingCall = call = new PendingCall();
        }
        if (self.callee != server) {
            registerAsCaller(self, server);
        }
        var ref = new Ref();
        call.begin(ref, server);
        try {
            // Dekker with the server's death: it marks itself dead, then looks at its callers'
            // pending calls; we publish ours, then look at its liveness. One of us sees the other.
            // Dead before the request could be sent: noproc, as for a monitor set up too late,
            // whatever the dying process may have written to the call meanwhile.
            if (!server.isAlive()) {
                server.awaitGone();
                self.checkAlive();
                throw ExitException.unwinding(ExitReason.NOPROC);
            }
            server.enqueue(message.apply(new ReplyTo(self.pid, ref)));
            awaitOutcome(self, call, ref, deadline);
            var outcome = call.outcome();
            if (outcome instanceof PendingCall.TimedOut) {
                throw ExitException.unwinding(ExitReason.TIMEOUT);
            }
            if (outcome instanceof Down down && down.ref() == ref) {
                throw ExitException.unwinding(down.reason());
            }
            return outcome;
        } finally {
            call.end();
        }
    }

    /** Moves the caller's registration to {@code server}: one server at a time, kept between calls. */
    private static void registerAsCaller(ProcessCell self, ProcessCell server) {
        var previous = self.callee;
        if (previous != null) {
            previous.removeCaller(self);
            self.callee = null;
        }
        if (!server.addCaller(self)) {
            server.removeCaller(self);
            server.awaitGone();
            self.checkAlive();
            throw ExitException.unwinding(ExitReason.NOPROC);
        }
        self.callee = server;
        if (!self.isAlive()) {
            server.removeCaller(self); // killed meanwhile: its clean-up may have missed the new callee
        }
    }

    private static void awaitOutcome(ProcessCell self, PendingCall call, Ref ref, long deadline) {
        var start = deadline == Mailbox.NO_WAIT ? Mailbox.WaitStart.PARK : self.waitStart();
        if (start != Mailbox.WaitStart.PARK
                && (start == Mailbox.WaitStart.SPIN ? self.spinEnded(call.spinForOutcome(ref)) : call.spinOnceTaken(ref, self))) {
            return;
        }
        var timer = deadline == Mailbox.FOREVER || deadline == Mailbox.NO_WAIT ? null : self.alarm();
        boolean alarmed = timer != null && timer.arm(deadline);
        call.announceParking();
        try {
            while (!call.isDone(ref)) {
                if (deadline == Mailbox.FOREVER) {
                    LockSupport.park(call);
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || deadline == Mailbox.NO_WAIT) {
                        if (call.timeOut(ref)) {
                            return;
                        }
                        continue;
                    }
                    if (alarmed) {
                        LockSupport.park(call);
                    } else {
                        LockSupport.parkNanos(call, remaining);
                    }
                }
                self.checkWhileWaiting();
            }
        } finally {
            if (timer != null) {
                timer.disarm();
            }
        }
    }

    /**
     * Answers a request made with {@link #request}: from any process, at most once. Returns false
     * (and drops the answer) if the caller no longer waits for it: it timed out, died, or was
     * already answered. Throws {@link ExitException} if the calling process is dead, as {@link #send} does.
     */
    public static boolean reply(ReplyTo to, Object answer) {
        Objects.requireNonNull(to, "to");
        var caller = to.pid().cell;
        var replier = Node.currentOrNull();
        if (replier == null) {
            return answerCall(caller, to.tag(), answer);
        }
        if (replier.adopted && !replier.isAlive()) {
            replier = Node.current(); // a dead adopted process is told (this throws) or replaced
        }
        if (!replier.beginSend()) {
            throw replier.deathNotice();
        }
        try {
            return answerCall(caller, to.tag(), answer);
        } finally {
            replier.endSend();
        }
    }

    private static boolean answerCall(ProcessCell caller, Ref tag, Object answer) {
        var call = caller.pendingCall;
        return call != null && call.complete(tag, answer, caller);
    }

    // ---- links and exits ----

    /**
     * Links the caller and {@code pid}: when either ends with an abnormal reason, the other gets
     * the exit signal. Idempotent; linking oneself does nothing. If {@code pid} is already dead,
     * as Erlang's {@code link/1}: a caller that traps exits gets an {@link Exit} message with
     * {@link ExitReason#NOPROC}; any other caller gets an {@link ExitException} with
     * {@code noproc}, an error it may catch and carry on from (uncaught, it ends the process
     * with {@code noproc}), not an exit signal.
     *
     * @throws ExitException with {@code noproc} if {@code pid} is dead and the caller does not
     *                       trap exits; with the caller's own reason if it has been killed
     */
    public static void link(Pid pid) {
        Objects.requireNonNull(pid, "pid");
        var self = Node.current();
        self.checkAlive();
        if (pid.cell == self) {
            return;
        }
        if (!self.link(pid.cell)) {
            pid.cell.awaitGone();
            if (!self.trapExits) {
                throw new ExitException(ExitReason.NOPROC);
            }
            self.enqueue(new Exit(pid, ExitReason.NOPROC));
        }
        self.checkAlive();
    }

    /**
     * Removes the link between the caller and {@code pid}, if any; never fails on its own
     * account. Once it returns, the link has no effect on the caller any more (Erlang's
     * guarantee): if {@code pid} is dying it waits for its clean-up, so that an exit signal the
     * link already carried lands before, not after. Such a signal may end the caller.
     *
     * @throws ExitException if the caller has been killed, or taken down by that signal
     */
    public static void unlink(Pid pid) {
        Objects.requireNonNull(pid, "pid");
        var self = Node.current();
        self.unlink(pid.cell);
        if (!pid.cell.isAlive()) {
            // A dying process takes its link fields first and signals its peers after its other
            // clean-up (timers, names): the link this unlink found gone may still be in flight.
            pid.cell.awaitGone();
        }
        self.checkAlive();
    }

    /**
     * Sets whether the caller traps exits (Erlang's {@code process_flag(trap_exit, on)}): while
     * on, exit signals other than {@code kill} arrive as {@link Exit} messages instead of ending
     * the process. Returns the previous setting.
     */
    public static boolean trapExits(boolean on) {
        var self = Node.current();
        boolean previous = self.trapExits;
        self.trapExits = on;
        return previous;
    }

    /**
     * Sends an exit signal to {@code pid}, as Erlang's {@code exit/2}.
     * <ul>
     *   <li>{@link ExitReason#KILL}: the target ends with {@code killed}, even if it traps exits.</li>
     *   <li>{@link ExitReason#NORMAL}: ignored by a target that does not trap exits, unless it is
     *       the caller itself, which then ends with {@code normal}.</li>
     *   <li>any other reason: a target that does not trap exits ends with it.</li>
     * </ul>
     * A target that traps exits gets an {@link Exit} message from the caller instead (except for
     * {@code kill}). A dead target is ignored. If the signal ends the caller itself, this method
     * throws {@link ExitException}; so it does, sending nothing, if the caller is dead already (a
     * killed process's {@code finally} block signals nobody, as it sends nothing).
     */
    public static void exit(Pid pid, ExitReason reason) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(reason, "reason");
        var sender = Node.current();
        sender.checkAlive();
        var target = pid.cell;
        if (target.receiveExitSignal(sender.pid, reason, false)) {
            ProcessCell.cascade(target);
        }
        if (target == sender) {
            target.checkAlive();
        }
        sender.charge();
    }

    /**
     * Ends the calling process with {@code reason} by throwing an {@link ExitException}: Elixir's
     * {@code exit/1}. The exception may be caught, as Erlang's {@code catch}.
     */
    public static void exit(ExitReason reason) {
        throw new ExitException(reason);
    }

    /**
     * Throws {@link ExitException} if the calling process has been killed or taken down by an exit
     * signal. Call it in long computations that never block, which nothing else can stop.
     */
    public static void checkExit() {
        var self = Node.currentOrNull();
        if (self != null) {
            self.checkAlive();
        }
    }

    // ---- monitors ----

    /**
     * Monitors {@code pid}: the caller will receive exactly one {@link Down} with the returned ref
     * when it ends, at once with {@link ExitReason#NOPROC} if it is already dead. Each call makes
     * a new, independent monitor.
     *
     * @throws ExitException if the caller has been killed, even during this call: a dead process
     *                       holds no monitor, so none is left on {@code pid}
     */
    public static Ref monitor(Pid pid) {
        Objects.requireNonNull(pid, "pid");
        var self = Node.current();
        self.checkAlive();
        var target = pid.cell;
        var ref = new MonitorRef(self, target);
        self.rememberMonitor(ref);
        if (!target.addMonitor(ref)) {
            target.awaitGone();
            self.checkAlive();
            self.deliverDown(ref, ExitReason.NOPROC);
        } else if (!self.isAlive()) {
            // Killed since its check: its death's clean-up, which takes off the target the
            // monitors listed in its relations, may have run before rememberMonitor listed this one
            // or before it reached the target; then it would stay there until the target died. So
            // take it back. If this read sees us alive, our death comes after the add and its
            // clean-up finds the monitor (Dekker, as in addMonitor). Removing twice is harmless.
            ref.tryRemove();
            target.removeMonitor(ref);
            throw self.deathNotice();
        }
        return ref;
    }

    /**
     * Removes a monitor; no {@link Down} for it arrives afterwards. Returns true if the monitor was
     * active; false for an unknown or already fired one (no error).
     */
    public static boolean demonitor(Ref ref) {
        return demonitor(ref, false);
    }

    /**
     * Removes a monitor; with {@code flush}, also removes its {@link Down} if it is already in the
     * mailbox (Erlang's {@code demonitor(ref, [flush])}).
     */
    public static boolean demonitor(Ref ref, boolean flush) {
        Objects.requireNonNull(ref, "ref");
        var self = Node.current();
        if (ref instanceof MonitorRef monitor && monitor.watcher == self) {
            self.demonitored();
            if (monitor.remove()) {
                // Taken before any Down was enqueued, so none will be: nothing to flush. The
                // target, if dying, may have dropped its side already; the Down was still ours to stop.
                monitor.target.removeMonitor(monitor);
                return true;
            }
        }
        if (flush) {
            // Any Down for it is in the mailbox by now, or was already received.
            self.take(message -> message instanceof Down down && down.ref() == ref ? down : null,
                    Mailbox.NO_WAIT);
        }
        return false;
    }

    // ---- names ----

    /**
     * Registers {@code pid} under {@code name}; the name is freed when the process ends.
     *
     * @throws IllegalArgumentException if the name is taken, the process already has a name, or
     *                                  the process is not alive (Erlang's {@code badarg})
     */
    public static void register(String name, Pid pid) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pid, "pid");
        pid.cell.register(name);
    }

    /** Removes the registration of {@code name}; false if nothing was registered under it. */
    public static boolean unregister(String name) {
        var cell = Node.names().get(Objects.requireNonNull(name, "name"));
        return cell != null && cell.unregister();
    }

    /** The live process registered under {@code name}, if any. */
    public static Optional<Pid> whereis(String name) {
        var cell = Node.names().get(Objects.requireNonNull(name, "name"));
        return cell == null || !cell.isAlive() ? Optional.empty() : Optional.of(cell.pid);
    }

    /** The names registered now, sorted. */
    public static Set<String> registered() {
        return new TreeSet<>(Node.names().keySet());
    }

    // ---- inspection ----

    /** Whether {@code pid}'s process is alive now. */
    public static boolean isAlive(Pid pid) {
        return pid.cell.isAlive();
    }

    /** The processes alive now, in spawn order. */
    public static List<Pid> list() {
        return Node.live().map(cell -> cell.pid).sorted().toList();
    }

    /** A snapshot of {@code pid}'s process, or empty if it is not alive (never an exception). */
    public static Optional<ProcessInfo> info(Pid pid) {
        var cell = pid.cell;
        if (!cell.isAlive()) {
            return Optional.empty();
        }
        var thread = cell.thread;
        var state = thread == null ? Thread.State.RUNNABLE : thread.getState();
        var status = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                || state == Thread.State.BLOCKED ? ProcessInfo.Status.WAITING : ProcessInfo.Status.RUNNING;
        int queued = cell.queueLength();
        var links = cell.linkedPids();
        var monitors = cell.monitoredPids();
        var info = new ProcessInfo(cell.pid, status, queued, cell.takenCount(), links, monitors,
                cell.watcherPids(), Optional.ofNullable(cell.name()), cell.trapExits,
                currentFrame(thread), estimateMemory(queued, links.size() + monitors.size()));
        return cell.isAlive() ? Optional.of(info) : Optional.empty();
    }

    /** Frames of these classes are the runtime's own, not what a process is doing. */
    private static final Set<String> RUNTIME_CLASSES = Set.of(Processes.class.getName(),
            Mailbox.class.getName(), ProcessCell.class.getName(), Node.class.getName(),
            PendingCall.class.getName());

    private static Optional<StackTraceElement> currentFrame(Thread thread) {
        if (thread == null) {
            return Optional.empty();
        }
        for (var frame : thread.getStackTrace()) {
            var className = frame.getClassName();
            if (!className.startsWith("java.") && !className.startsWith("jdk.")
                    && !className.startsWith("sun.") && !RUNTIME_CLASSES.contains(className)) {
                return Optional.of(frame);
            }
        }
        return Optional.empty();
    }

    /** Process record, mailbox and thread objects, plus per-message and per-link entries. */
    private static long estimateMemory(int queued, int relations) {
        return 400L + 40L * queued + 48L * relations;
    }

    /**
     * The number of process threads that have not yet returned, including killed processes whose
     * stacks are still unwinding. For tests and diagnostics, O(n) in the processes listed: once
     * every process has ended and unwound, it goes back to where it was.
     */
    public static long runningThreads() {
        return Node.runningThreads();
    }

    // ---- time ----

    /**
     * Sends {@code message} to {@code pid} after {@code delay}, as Erlang's {@code send_after/3}.
     * The timer is cancelled if {@code pid} is dead or dies first.
     */
    public static TimerRef sendAfter(Pid pid, Object message, Duration delay) {
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(message, "message");
        long delayNanos = nanos(delay); // before the target remembers the timer: a bad delay leaves nothing behind
        var target = pid.cell;
        var timer = new TimerRef(target);
        if (!target.rememberTimer(timer)) {
            timer.cancel(); // a timer aimed at a dead pid is cancelled at once
            return timer;
        }
        timer.schedule(Node.timers().schedule(() -> {
            if (timer.fire() && target.isAlive()) {
                target.enqueue(message);
            }
        }, delayNanos, TimeUnit.NANOSECONDS));
        return timer;
    }

    /**
     * Sends {@code message} to whichever process is registered as {@code name} when
     * {@code delay} has passed; dropped if none is. The timer is not tied to any process.
     */
    public static TimerRef sendAfter(String name, Object message, Duration delay) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        var timer = new TimerRef(null);
        timer.schedule(Node.timers().schedule(() -> {
            if (timer.fire()) {
                whereis(name).ifPresent(pid -> pid.cell.enqueue(message));
            }
        }, nanos(delay), TimeUnit.NANOSECONDS));
        return timer;
    }

    /** Cancels a timer: the time that was left, or empty if it already fired or was cancelled. */
    public static Optional<Duration> cancelTimer(TimerRef timer) {
        return timer.cancel();
    }

    /**
     * Suspends the calling process for {@code duration} (Erlang's {@code :timer.sleep/1}); it
     * still ends at once if it is killed meanwhile (this method then throws
     * {@link ExitException}).
     */
    public static void sleep(Duration duration) {
        var self = Node.current();
        self.checkAlive();
        long deadline = deadline(duration);
        for (;;) {
            if (deadline == Mailbox.FOREVER) {
                LockSupport.park();
            } else {
                long remaining = deadline == Mailbox.NO_WAIT ? 0 : deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                LockSupport.parkNanos(remaining);
            }
            self.checkWhileWaiting();
        }
    }

    private static long nanos(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        try {
            return delay.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        if (timeout.isZero()) {
            return Mailbox.NO_WAIT;
        }
        if (timeout.compareTo(Duration.ofDays(365L * 100)) >= 0) {
            return Mailbox.FOREVER;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return deadline == Mailbox.FOREVER || deadline == Mailbox.NO_WAIT ? deadline - 1 : deadline;
    }
}
