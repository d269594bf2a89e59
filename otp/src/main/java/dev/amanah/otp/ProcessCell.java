package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Everything the runtime knows about one process: its mailbox (inherited), its thread, its exit
 * reason once dead, links, monitors, name and timers.
 *
 * <h2>State and locking</h2>
 * A process is alive while {@link #exitReason} is null; it dies exactly once, when
 * {@link #die(ExitReason)} sets the reason. Links and monitors are added and the registered name
 * changes under the cell's monitor lock ({@code synchronized}), and so does death, so a link or a
 * monitor held can never be added to a process after it has died and its links were read; links
 * are removed without the lock (see {@link #link}). A monitor is one object, its
 * {@link MonitorRef}, whose state decides between the dying process and {@code demonitor} whether
 * a {@link Down} is sent, so it is sent exactly once. A call
 * needs no monitor of its own: the caller registers once with the process it calls
 * ({@link #callers}) and stays registered for the next call, and a dying process fails the
 * pending call of each registered caller that is waiting on it. Everything that is rarely used is allocated
 * on first use, to keep an idle process small.
 */
final class ProcessCell extends Mailbox implements Runnable, Thread.UncaughtExceptionHandler {

    /**
     * The parts of a process that most processes never use, kept out of the cell so that an idle
     * process does not pay 24 bytes of empty fields: a registered name, links beyond the one in
     * {@code link}, relations, monitors beyond the first, callers, timers. A process that uses
     * one of them pays the 40 bytes of this object once. Each field keeps the discipline it had
     * in the cell.
     */
    static final class Rare {
        /** Guarded by the cell. */
        String name;
        /** Links that found both sides' {@code link} field taken; see {@link #link}. */
        volatile Set<ProcessCell> moreLinks;
        /**
         * Links stored in other processes' {@code link} field, and the monitors this process holds;
         * made on first use, guarded by the cell, dropped at death.
         */
        Relations relations;
        /** The monitors of this process beyond {@link #firstWatcher}. */
        volatile Set<MonitorRef> monitoredBy;
        /**
         * Processes that make calls to this one, told of its death through their {@link #pendingCall}.
         * A caller stays registered between calls, so calling the same server again costs no
         * registration; see {@link #callee}.
         */
        volatile Set<ProcessCell> callers;
        volatile Set<TimerRef> timers;
        /** Clean-up to run at death, chained through {@link ExitHook#next}; guarded by the cell. */
        ExitHook exitHooks;
        /**
         * The messages left by {@link Processes#sendOnExit} before the last one (which is in
         * {@link #farewell}), as recipient and message pairs, in the order left; written and read
         * as those fields are.
         */
        List<Object> earlierFarewells;
    }

    private static final VarHandle LINK;
    private static final VarHandle FIRST_WATCHER;
    /** Whether an atomic exchange orders an earlier store before a later load, as x86's {@code lock xchg} does. */
    private static final boolean EXCHANGE_IS_FULL_FENCE = Set.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    private static final VarHandle SENDING;
    private static final VarHandle THREAD;
    private static final VarHandle RARE;
    private static final VarHandle GONE;
    private static final VarHandle UNLISTED;

    static {
        try {
            var lookup = MethodHandles.lookup();
            LINK = lookup.findVarHandle(ProcessFields.class, "link", ProcessCell.class);
            FIRST_WATCHER = lookup.findVarHandle(ProcessFields.class, "firstWatcher", MonitorRef.class);
            SENDING = lookup.findVarHandle(OwnerFields.class, "sending", boolean.class);
            THREAD = lookup.findVarHandle(ProcessFields.class, "thread", Thread.class);
            RARE = lookup.findVarHandle(OwnerFields.class, "rare", Rare.class);
            GONE = lookup.findVarHandle(ProcessFields.class, "gone", boolean.class);
            UNLISTED = lookup.findVarHandle(ProcessFields.class, "unlisted", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    ProcessCell(long id, boolean adopted) {
        super(id, adopted);
    }

    boolean isAlive() {
        return exitReason == null;
    }

    /** This process's {@link Rare} parts, made on first use; any thread. */
    private Rare rare() {
        var parts = rare;
        if (parts == null) {
            synchronized (this) {
                parts = rare;
                if (parts == null) {
                    rare = parts = new Rare();
                }
            }
        }
        return parts;
    }

    /**
     * Gives this spawned process, not started yet, the code {@link #run()} will run. The cell is
     * its thread's task itself, rather than a lambda around the cell and the body (24 bytes per
     * process); the body waits in the {@code message} field that the cell has as its mailbox's
     * first stub node, which no receive ever reads (see {@link Mailbox#Mailbox()}): a field of
     * its own would have grown every cell by 8 bytes.
     */
    void runs(ProcessBody code) {
        message = code;
    }

    /**
     * The whole life of a spawned process, on its own thread: runs its body, then ends it with
     * the reason the body gave (returning is {@code normal}, a throw its exit reason or a crash,
     * reported before anyone can see the exit), and finally unlists it and lets go of what a
     * dead process does not need (see {@link #letGo()}). Whatever happens, the process is dead
     * and unlisted when this returns. Called by the thread {@link Node#start} made, once.
     */
    @Override
    public void run() {
        var code = (ProcessBody) message;
        message = null; // the stack holds it while it runs; nothing needs it after
        Throwable failure = null;
        try {
            if (isAlive()) {
                code.run();
            }
        } catch (Throwable t) {
            failure = t;
        }
        end(failure);
    }

    /**
     * The end of {@link #run()}, after the body, in a method of its own: a million processes
     * may wait in their body inside {@code run}, compiled by the JIT before any of them ended.
     * A branch that no process had passed yet is compiled as a trap to the interpreter, which
     * each waiting process would then hit in turn as it ends; here {@code run} has no branch
     * after the body, and this method is compiled once processes do end.
     */
    private void end(Throwable failure) {
        var reason = failure == null ? ExitReason.NORMAL : ExitReason.from(failure);
        try {
            // Report before the exit is visible, so whoever sees the Down can also see the report.
            if (!reason.isGraceful() && isAlive()) {
                Node.report(this, name(), reason, failure);
            }
            terminate(this, reason);
        } finally {
            releaseAlarm();
            Node.ended(this);
            // A process killed by another's signal is cleaned up on the killer's thread, which
            // reads the rare parts (name, callers, watchers, timers); they may go only after.
            if (!isAlive()) {
                awaitGone();
                letGo();
            }
        }
    }

    /**
     * Called last by the thread of this dead process, once its clean-up is complete
     * ({@link #awaitGone()}), which may run on another thread: drops what only a live process needs, so
     * that whoever keeps its {@link Pid} (a list of workers, a map of sessions) keeps the cell
     * only, not its ended thread and the thread's continuation (about 300 bytes), its unreceived
     * messages, nor its sets of callers and watchers. What a dead process still answers (dead,
     * its exit reason, its pid) stays. A message sent in the instant before this may stay in the
     * mailbox; nobody can receive it. Release stores, not volatile ones: every reader accepts the
     * old value as well as null, and nothing later in this thread depends on their order, so a
     * fence per field at every process end buys nothing.
     */
    private void letGo() {
        THREAD.setRelease(this, (Thread) null);
        RARE.setRelease(this, (Rare) null); // readers all accept null, and nothing is added to a dead process's parts
        callerChain = null;
        dropMessages();
    }

    /** Units of work (spawns, exit signals sent, messages taken) a process does before it lets others run. */
    static final int SLICE = 2000;

    /**
     * Counts one unit of work done by this process, on its own thread, and yields the carrier at
     * the end of each {@link #SLICE}. Virtual threads are never preempted: a process that spawns
     * in a loop, or takes message after message without ever waiting, would keep its carrier while
     * the processes it starts or feeds queue up behind it, unrun, holding memory. The BEAM
     * preempts a process after a budget of reductions for the same reason. Sends are not counted:
     * a process that broadcasts to many others should keep its carrier while they catch up on
     * another, as yielding every few thousand sends let each receiver drain its mailbox and park
     * between two messages, which made a 10,000-subscriber fan-out three to six times slower.
     * A process yields only if the scheduler has work queued ({@link Spin#othersMayNeedCarrier()};
     * a spawner, only if much is queued: see {@link #chargeSpawn()}):
     * with nothing queued there is nobody to let run, and the yield knocked two processes that
     * were both spinning for each other's messages (ping-pong, a call) out of that mode every
     * 2,000 messages, as the peer, seeing the yielder queued, parked.
     */
    void charge() {
        if (sliceEnds() && Spin.othersMayNeedCarrier()) {
            Thread.yield();
        }
    }

    /** Counts one unit of work; true, with a new slice begun, if it was the slice's last. */
    private boolean sliceEnds() {
        if (++sliceUsed < SLICE) {
            return false;
        }
        sliceUsed = 0;
        return true;
    }

    /**
     * Growth of the scheduler's queue over one slice of spawns above which the spawner yields:
     * three quarters of a slice, that is, its children pile up, other carriers taking fewer than
     * a quarter of them. See {@link #chargeSpawn()}.
     */
    static final int SPAWN_PILE_UP = SLICE * 3 / 4;

    /**
     * Queued tasks above which a spawner yields at every slice end, however fast other carriers
     * take its children: 16 slices, a bound on how many wait unrun. See {@link #chargeSpawn()}.
     */
    static final int SPAWN_BACKLOG = 16 * SLICE;

    /**
     * {@link #charge()} for a spawn: the slice is the same, but at its end the spawner yields only
     * if its children pile up in the scheduler's queue, that is, if the queue grew by more than
     * {@link #SPAWN_PILE_UP} since its last slice end (read at each slice end, and again after a
     * yield, kept in {@link #queuedAtSliceEnd}), or holds more than {@link #SPAWN_BACKLOG}; not
     * merely because some are queued, as they always are while it spawns. Where nobody takes its
     * children (every other carrier busy, or none) the queue grows by a whole slice in each slice,
     * and the spawner yields at every slice end, as {@code charge()} would have it, so that they
     * run and end before it starts more; at the first slice end of a burst it may yield one slice
     * late, since the level it compares with may be an earlier burst's.
     *
     * <p>Why growth and not a level: a yield puts the spawner behind everything queued, its own
     * children included, and while it waits every carrier runs them, all sending to it (a task's
     * reply and its {@code Down}) from several cores at once, and it comes back to an empty queue.
     * With a level of half a slice (until 6 December 2026), a task owner on two carriers, whose
     * children the other carrier takes as they come but not as fast, kept the queue around that
     * level (300 to 1,000 queued, quartiles of a sample every 500 spawns), so it often yielded for
     * nothing. 100,000 {@code Task.async} + one {@code awaitMany} ({@code bench/compare
     * task_await}, the two rules in one JVM, taking turns): 1.03 times as fast over 100 rounds,
     * 1.06 times over 150 (98 won), 1.02 times over 150 in a fast spell (84 won); spawn and
     * async_stream unchanged (1.02, 1.00). Before that, yielding at every slice end whatever was
     * queued had been 1.17 times slower than the level.
     */
    void chargeSpawn() {
        if (sliceEnds()) {
            long queued = Spin.queued();
            if (spawnerYields(queued, queuedAtSliceEnd)) {
                Thread.yield();
                // The yield let the queue drain: measured against the level before it, the next
                // slice's pile-up would look like none, and the spawner would yield every other slice.
                queued = Spin.queued();
            }
            queuedAtSliceEnd = (int) Math.min(queued, Integer.MAX_VALUE);
        }
    }

    /**
     * Whether a spawner at the end of its slice yields, finding {@code queued} tasks in the
     * scheduler where it found {@code queuedBefore} at its last slice end; see {@link #chargeSpawn()}.
     */
    static boolean spawnerYields(long queued, long queuedBefore) {
        return queued > SPAWN_BACKLOG || queued - queuedBefore > SPAWN_PILE_UP;
    }

    ExitReason exitReason() {
        return exitReason;
    }

    /** Throws if this process is dead: the point where a killed process's code stops. */
    void checkAlive() {
        if (exitReason != null) {
            throw deathNotice();
        }
    }

    /** The exception that tells this process's own thread of its death; the process is dead. */
    ExitException deathNotice() {
        deathTold = true;
        return ExitException.unwinding(exitReason);
    }

    @Override
    void checkWhileWaiting() {
        // Interrupts come from exit signals; one for a live process (a stray Thread.interrupt)
        // is cleared so that parking works again, since receive is not interruptible.
        Thread.interrupted();
        checkAlive();
    }

    @Override
    public int hashCode() {
        return pid.hashCode();
    }

    /**
     * A spawned process's thread carries its cell as its uncaught-exception handler, so that
     * "which process am I" is one field read on the current thread (see {@link Node#currentOrNull}).
     * Nothing escapes a process body (the runtime catches everything), so this runs only if the
     * runtime's own clean-up fails; it reports as the thread's group would.
     */
    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        thread.getThreadGroup().uncaughtException(thread, failure);
    }

    // ---- sends ----

    /**
     * Called by this process's own thread before it sends; false if it is dead, and the message
     * must be dropped. Erlang guarantees that what a process sent before it died arrives before
     * anyone hears of its death; a process killed by another thread may be in the middle of a
     * send, so its clean-up waits for {@link #endSend()} before notifying links and monitors.
     * The volatile write followed by the volatile read of the exit reason pairs with death's
     * write of the reason followed by its read of {@code sending}: one of the two sees the other.
     */
    boolean beginSend() {
        sending = true;
        if (exitReason != null) {
            sending = false;
            return false;
        }
        return true;
    }

    /**
     * Leaves {@code message} for {@code to}, sent as this process ends ({@link Processes#sendOnExit});
     * its own thread. Inside {@link #beginSend()} and {@link #endSend()}, as a send, so that the
     * clean-up, on whichever thread it runs, either finds the message or this throws.
     */
    void leaveFarewell(ProcessCell to, Object message) {
        if (!beginSend()) {
            throw deathNotice();
        }
        if (farewellTo != null) {
            // Rare: a task whose function left a message of its own before the task's reply.
            var parts = rare();
            if (parts.earlierFarewells == null) {
                parts.earlierFarewells = new ArrayList<>(2);
            }
            parts.earlierFarewells.add(farewellTo);
            parts.earlierFarewells.add(farewell);
        }
        farewell = message;
        farewellTo = to;
        endSend();
    }

    /**
     * Called by this process's own thread before it sends a message to a mailbox, with
     * {@link Mailbox#enqueueFrom} as the send: the protocol of {@link #beginSend()} without its
     * fence. On x86 the flag is an opaque store: the enqueue's exchange, which follows it, is
     * {@code lock xchg}, a full fence by the architecture, and its check of {@link #sendsNoMore()}
     * is the read of the exit reason; this saves one fence per send. The Java memory model
     * promises that store-load order only for a volatile store, so on every other architecture
     * (where the exchange may be an acquire-release pair that lets a store pass a later load) the
     * flag is a volatile store, as in {@link #beginSend()}. End with {@link #endSend()}.
     */
    void startSend() {
        if (EXCHANGE_IS_FULL_FENCE) {
            SENDING.setOpaque(this, true);
        } else {
            sending = true;
        }
    }

    @Override
    boolean sendsNoMore() {
        return exitReason != null;
    }

    @Override
    boolean ownerEnded() {
        return exitReason != null;
    }

    /**
     * Called after a send that {@link #beginSend()} allowed, or that {@link #startSend()} began.
     * A release store, not a volatile one:
     * death, which waits for it, needs only to see the message the send enqueued once it sees the
     * flag cleared (release/acquire); no later read of this thread depends on it, so no full fence.
     */
    void endSend() {
        SENDING.setRelease(this, false);
    }

    private void awaitSendInFlight() {
        for (int spins = 0; sending; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // its carrier was descheduled mid-send: let it finish
            }
        }
    }

    // ---- death ----

    /** Marks this process dead with {@code reason}; false if it was dead already. */
    private boolean die(ExitReason reason) {
        synchronized (this) {
            if (exitReason != null) {
                return false;
            }
            exitReason = reason;
            return true;
        }
    }

    /**
     * Ends {@code first} with {@code reason} and carries the exit along its links, iteratively
     * (a chain of a million linked processes must not overflow the stack). Returns false if
     * {@code first} was already dead.
     */
    static boolean terminate(ProcessCell first, ExitReason reason) {
        if (!first.die(reason)) {
            return false;
        }
        cascade(first);
        return true;
    }

    /**
     * Finishes the death of {@code first}, which an exit signal just killed: its clean-up, and
     * that of every process its links take down with it.
     */
    static void cascade(ProcessCell first) {
        // Most deaths take nobody along: the queue is made only once a linked process dies too
        // (it was an allocation of ~100 bytes per process end, a tenth of a short task's).
        ArrayDeque<ProcessCell> dying = null;
        for (var cell = first; cell != null; cell = dying == null ? null : dying.poll()) {
            dying = cell.cleanUpAfterDeath(dying);
        }
    }

    /**
     * Runs once, right after death: frees the name, notifies links and monitors, stops timers.
     * Returns {@code dying} with the linked processes this death killed added (made if null).
     */
    private ArrayDeque<ProcessCell> cleanUpAfterDeath(ArrayDeque<ProcessCell> dying) {
        var reason = exitReason;
        awaitSendInFlight();
        // The messages left by sendOnExit go before anything else this end sends to their
        // recipients. The last one, if its recipient is the process this one links to in its own
        // field (a task's owner), is held to go with the link's Exit or the first monitor's Down,
        // in one enqueue; the earlier ones (rare) go alone, first. words: the last one, until sent.
        var to = farewellTo;
        Object words = null;
        var early = rare;
        if (to != null) {
            words = farewell;
            farewellTo = null;
            farewell = null;
            if (early != null && early.earlierFarewells != null) {
                sendEarlierFarewells(early);
            }
        }
        // Before anyone is told, so that whoever learns of the death finds the hooks' work done.
        // No lock: hooks change only under it while alive, and this thread set the death under it.
        if (early != null && early.exitHooks != null) {
            if (words != null) {
                to.enqueue(words); // before the hooks, which may send to it too
                words = null;
            }
            ExitHook.runAll(early.exitHooks, pid);
        }
        ProcessCell firstLinked;
        Set<ProcessCell> linked;
        Relations related;
        // Read after death: whatever is added to the parts after this read (a monitor, a caller,
        // a timer) is added after death was set, and is taken back by the adder, which sees it.
        Rare parts = rare;
        if (parts == null) {
            // No lock: what it guards (relations, more links, a name) is added only under it and
            // only while this process is alive, so with no parts now there never will be any. An
            // exchange only if a link is there (most processes have none; death adds none).
            firstLinked = link == null ? null : (ProcessCell) LINK.getAndSet(this, null);
            linked = null;
            related = null;
        } else synchronized (this) {
            firstLinked = (ProcessCell) LINK.getAndSet(this, null);
            parts = rare;
            if (parts == null) {
                linked = null;
                related = null;
            } else {
                linked = parts.moreLinks;
                parts.moreLinks = null;
                related = parts.relations;
                parts.relations = null;
                if (parts.name != null) {
                    Node.names().remove(parts.name, this);
                }
            }
        }
        ProcessEvents.exit(this, reason);
        if (words != null && to != firstLinked) {
            to.enqueue(words);
            words = null;
        }
        // Timers first: whoever learns of the death must find them cancelled.
        var pendingTimers = parts == null ? null : parts.timers;
        if (pendingTimers != null) {
            pendingTimers.forEach(TimerRef::cancel);
        }
        if (firstLinked != null) {
            // A link held in this side's field is stored nowhere on the peer's side (a link is
            // stored in one place; see link), so there is nothing of it to remove there: no read of
            // the peer's fields, which a task's owner keeps writing while its tasks end.
            if (words == null) {
                dying = signal(firstLinked, reason, dying);
            } else {
                int outcome = firstLinked.receiveLinkSignalAfter(words, pid, reason);
                if (outcome == PEER_KILLED) {
                    dying = enlist(firstLinked, dying);
                }
                if (outcome != WORDS_KEPT) {
                    words = null;
                }
            }
        }
        if (linked != null) {
            for (var peer : linked) {
                dying = signalLinked(peer, reason, dying);
            }
        }
        if (related != null) {
            dying = endRelations(related, reason, dying);
        }
        // An exchange only if a monitor is there: one added after this read sees the death and
        // takes itself back (see addMonitor).
        var first = firstWatcher == null ? null : (MonitorRef) FIRST_WATCHER.getAndSet(this, null);
        if (words != null && (first == null || first.watcher != to)) {
            to.enqueue(words);
            words = null;
        }
        if (first != null) {
            first.watcher.deliverDown(first, reason, words);
        }
        var watchers = parts == null ? null : parts.monitoredBy;
        if (watchers != null) {
            for (var monitor : watchers) {
                if (watchers.remove(monitor)) {
                    monitor.watcher.deliverDown(monitor, reason);
                }
            }
        }
        var server = callee;
        if (server != null) {
            server.removeCaller(this);
        }
        var waiting = parts == null ? null : parts.callers;
        if (waiting != null) {
            for (var caller : waiting) {
                caller.calleeDied(this, reason);
            }
        }
        // A release store: a waiter that sees it must see every notification above (acquire on its
        // side), and no later read here depends on it, so no fence.
        GONE.setRelease(this, true);
        var owner = thread;
        if (owner != null && owner != Thread.currentThread()) {
            if (!adopted || isParked(owner)) {
                owner.interrupt();
            } else {
                // An adopted thread that runs its own code is not interrupted (that would disturb
                // its I/O), but it may be inside a wait of ours, past its look at its liveness and
                // about to park (running a matcher, building a request): the permit makes that
                // park return, and the wait then sees the death. Elsewhere, a spurious wake-up.
                LockSupport.unpark(owner);
            }
        }
        return dying;
    }

    /**
     * At death: signals each process whose link field still holds this one (taking the link with
     * a CAS, so that a peer dying at the same time and this death signal each other at most
     * once), and removes the monitors this process held from their targets.
     */
    private ArrayDeque<ProcessCell> endRelations(Relations related, ExitReason reason, ArrayDeque<ProcessCell> dying) {
        for (int i = 0; i < related.size(); i++) {
            switch (related.get(i)) {
                case MonitorRef monitor -> {
                    if (monitor.tryRemove()) {
                        monitor.target.removeMonitor(monitor);
                    }
                    // The entry of a child linked and monitored at spawn stands for its link too.
                    var peer = monitor.target;
                    if (peer.link == this && LINK.compareAndSet(peer, this, null)) {
                        dying = signal(peer, reason, dying);
                    }
                }
                case ProcessCell peer -> {
                    if (LINK.compareAndSet(peer, this, null)) {
                        dying = signal(peer, reason, dying);
                    }
                }
                default -> throw new IllegalStateException("not a relation: " + related.get(i));
            }
        }
        return dying;
    }

    private ArrayDeque<ProcessCell> signalLinked(ProcessCell peer, ExitReason reason, ArrayDeque<ProcessCell> dying) {
        peer.unlinkFrom(this);
        return signal(peer, reason, dying);
    }

    /** Sends the messages left before the last one, in the order left, each alone; see {@link Rare#earlierFarewells}. */
    private static void sendEarlierFarewells(Rare parts) {
        var pairs = parts.earlierFarewells;
        parts.earlierFarewells = null;
        for (int i = 0; i < pairs.size(); i += 2) {
            ((ProcessCell) pairs.get(i)).enqueue(pairs.get(i + 1));
        }
    }

    private ArrayDeque<ProcessCell> signal(ProcessCell peer, ExitReason reason, ArrayDeque<ProcessCell> dying) {
        return peer.receiveExitSignal(pid, reason, true) ? enlist(peer, dying) : dying;
    }

    /** {@code dying} with {@code killed} added, made if null. */
    private static ArrayDeque<ProcessCell> enlist(ProcessCell killed, ArrayDeque<ProcessCell> dying) {
        if (dying == null) {
            dying = new ArrayDeque<>();
        }
        dying.add(killed);
        return dying;
    }

    /**
     * Marks this process as no longer listed by the {@link ProcessTable}, which drops it later;
     * once. A release store: a reader that sees the mark needs nothing else of this thread's, and
     * when the table counts this end, its atomic add that follows puts the mark before the count.
     */
    void markUnlisted() {
        UNLISTED.setRelease(this, true);
    }

    /** Whether {@link #markUnlisted()} was called. */
    boolean isUnlisted() {
        return unlisted;
    }

    /**
     * Waits until this dead process's links and monitors have all been told of its death. Whoever
     * finds it dead (a new monitor, a link, a call) answers {@code noproc} only after that, as on
     * the BEAM, where the exit signals a process sends as it dies precede any later answer from
     * it: a process linked to it is taken down before it can see the {@code noproc}.
     *
     * <p>Spins briefly (the clean-up is usually a few microseconds from done), then parks for
     * doubling intervals up to {@link #GONE_POLL_MAX_NANOS}. Not {@code Thread.yield()}: a yielding
     * virtual thread goes back to its own carrier's queue, which the carrier drains before it looks
     * at tasks submitted from elsewhere, so waiters yielding on both carriers starved the thread
     * finishing the death once it had blocked on a lock and been resubmitted (seen in a registry
     * stress test: a dying process's own thread yielding here while its killer, running the
     * registry's exit hook, waited for a lock whose holder never got a carrier back).
     */
    void awaitGone() {
        long pause = GONE_POLL_MIN_NANOS;
        for (int spins = 0; !gone; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, pause);
                pause = Math.min(pause * 2, GONE_POLL_MAX_NANOS);
            }
        }
    }

    private static final long GONE_POLL_MIN_NANOS = 1_000;
    private static final long GONE_POLL_MAX_NANOS = 1_000_000;

    private static boolean isParked(Thread thread) {
        var state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * Applies an exit signal from {@code from} to this process, as Erlang does. Returns true if
     * the signal killed this process (the caller then finishes its clean-up).
     *
     * @param viaLink whether it comes from a linked process that ended, rather than
     *                {@code Processes.exit(pid, reason)}
     */
    boolean receiveExitSignal(Pid from, ExitReason reason, boolean viaLink) {
        // Liveness is read only where it decides something (die reads it under the lock): a
        // linked process that ends normally, the common case, reads nothing of this cell but the
        // trap flag, and leaves alone the line that this process writes as it works.
        if (reason instanceof ExitReason.Kill && !viaLink) {
            return die(ExitReason.KILLED);
        }
        if (trapExits) {
            if (isAlive()) {
                enqueue(new Exit(from, reason));
            }
            return false;
        }
        if (reason.isNormal() && (viaLink || from != pid)) {
            return false;
        }
        return die(reason);
    }

    /** What {@link #receiveLinkSignalAfter} did with the words it was given. */
    private static final int WORDS_KEPT = 0;
    private static final int WORDS_SENT = 1;
    private static final int PEER_KILLED = 2;

    /**
     * {@link #receiveExitSignal} for the link signal of {@code from}'s end, which also left this
     * process {@code words} ({@link Processes#sendOnExit}): if the signal becomes an {@link Exit}
     * message, the words go ahead of it in one enqueue. Returns {@link #WORDS_KEPT} if the signal
     * was ignored (a normal exit, not trapped; this process's liveness is not read), so the words
     * are still to be sent;
     * {@link #PEER_KILLED} if it killed this process (the words go with its mailbox); else
     * {@link #WORDS_SENT} (sent, or dropped as this process was dead).
     */
    private int receiveLinkSignalAfter(Object words, Pid from, ExitReason reason) {
        if (trapExits) {
            if (isAlive()) {
                enqueueTwo(words, new Exit(from, reason));
            }
            return WORDS_SENT;
        }
        if (reason.isNormal()) {
            return WORDS_KEPT;
        }
        return die(reason) ? PEER_KILLED : WORDS_SENT;
    }

    // ---- links ----

    /** Links this process and {@code other}; false if {@code other} is dead. */
    boolean link(ProcessCell other) {
        var first = pid.id() < other.pid.id() ? this : other;
        var second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                if (!other.isAlive() || !isAlive()) {
                    return !isAlive(); // a dead caller is not told anything
                }
                if (!isLinkedTo(other)) {
                    addLink(other);
                }
                return true;
            }
        }
    }

    /** Whether this process's link field holds {@code other}; see {@link Relations}. */
    boolean linksTo(ProcessCell other) {
        return link == other;
    }

    /** Whether this process and {@code other} are linked; caller holds both locks. */
    private boolean isLinkedTo(ProcessCell other) {
        var more = moreLinks();
        return link == other || other.link == this || more != null && more.contains(other);
    }

    /** Adds a link, known to be absent, between this process and {@code other}; caller holds both locks. */
    private void addLink(ProcessCell other) {
        if (LINK.compareAndSet(this, null, other)) {
            other.relations().add(other, this);
        } else if (LINK.compareAndSet(other, null, this)) {
            relations().add(this, other);
        } else {
            addToMoreLinks(other);
            other.addToMoreLinks(this);
        }
    }

    void unlink(ProcessCell other) {
        unlinkFrom(other);
        other.unlinkFrom(this);
    }

    /**
     * Removes the link to {@code other} from this side, if there; takes no lock. With
     * {@code other.unlinkFrom(this)} the link is gone whichever way it was stored.
     */
    private void unlinkFrom(ProcessCell other) {
        // Read before the CAS: a failing CAS still takes the cache line exclusively, and a dying
        // task calls this on its owner, whose field holds another process (or none) while the
        // owner keeps writing that line; a link field cannot take {@code other} meanwhile, since
        // links are added only while both sides are alive.
        if (link != other || !LINK.compareAndSet(this, other, null)) {
            var more = moreLinks();
            if (more != null) {
                more.remove(other);
            }
        }
    }

    /** Adds {@code other} to this side's set of links; caller holds this cell's lock. */
    private void addToMoreLinks(ProcessCell other) {
        var parts = rare();
        var more = parts.moreLinks;
        if (more == null) {
            parts.moreLinks = more = ConcurrentHashMap.newKeySet(4);
        }
        more.add(other);
    }

    /** The links that found both {@code link} fields taken, or null if there never were any. */
    private Set<ProcessCell> moreLinks() {
        var parts = rare;
        return parts == null ? null : parts.moreLinks;
    }

    /** This process's relations, made on first use; caller holds this cell's lock. */
    private Relations relations() {
        var parts = rare();
        var related = parts.relations;
        if (related == null) {
            parts.relations = related = new Relations();
        }
        return related;
    }

    /** This process's relations, or null if it has none; caller holds this cell's lock. */
    private Relations relationsOrNull() {
        var parts = rare;
        return parts == null ? null : parts.relations;
    }

    /**
     * Links {@code child} to this process and/or lets this process monitor it with
     * {@code monitor}, both stored on the child's side and listed in this process's relations.
     * The child was created by this process and is not started nor listed yet, so nobody else
     * can see it: its fields need no lock, and none can hold a link yet. Does nothing and returns
     * false if this process has died: the child must then not be started.
     */
    boolean relateNewChild(ProcessCell child, boolean linked, MonitorRef monitor) {
        synchronized (this) {
            if (!isAlive()) {
                return false;
            }
            var related = relations();
            if (linked) {
                child.link = this;
            }
            if (monitor != null) {
                child.firstWatcher = monitor;
            }
            // One entry, not two, for a child both linked and monitored (a task): the monitor
            // names the child, and this process's death and linkedPids check its link through it.
            if (monitor != null) {
                related.add(this, monitor);
            } else if (linked) {
                related.add(this, child);
            }
            return true;
        }
    }

    synchronized List<Pid> linkedPids() {
        var pids = new ArrayList<Pid>();
        var first = link;
        if (first != null) {
            pids.add(first.pid);
        }
        var more = moreLinks();
        if (more != null) {
            for (var peer : more) {
                pids.add(peer.pid);
            }
        }
        var related = relationsOrNull();
        if (related != null) {
            for (int i = 0; i < related.size(); i++) {
                var entry = related.get(i);
                var peer = entry instanceof MonitorRef monitor ? monitor.target : (ProcessCell) entry;
                if (peer.linksTo(this)) {
                    pids.add(peer.pid);
                }
            }
        }
        // A peer that unlinked and linked again may be listed twice in the relations.
        return pids.stream().sorted().distinct().toList();
    }

    // ---- monitors ----

    /**
     * Adds {@code monitor} of this process; false if this process is dead, in which case the
     * caller delivers the {@code noproc} Down.
     */
    boolean addMonitor(MonitorRef monitor) {
        if (!isAlive()) {
            return false;
        }
        if (FIRST_WATCHER.compareAndSet(this, null, monitor)) {
            // Death may have taken the field before our write; then take the monitor back ourselves.
            return isAlive() || !FIRST_WATCHER.compareAndSet(this, monitor, null);
        }
        var parts = rare();
        var set = parts.monitoredBy;
        if (set == null) {
            synchronized (this) {
                set = parts.monitoredBy;
                if (set == null) {
                    parts.monitoredBy = set = ConcurrentHashMap.newKeySet(4);
                }
            }
        }
        if (!isAlive()) {
            return false;
        }
        set.add(monitor);
        // Death may have read the set before our add; then take the entry back ourselves.
        return isAlive() || !set.remove(monitor);
    }

    /**
     * Removes {@code monitor} of this process, if it still has it. Whether its Down is sent is
     * decided by the monitor's state (see {@link MonitorRef}), not here.
     */
    void removeMonitor(MonitorRef monitor) {
        if (firstWatcher == monitor && FIRST_WATCHER.compareAndSet(this, monitor, null)) {
            return;
        }
        var set = monitoredBy();
        if (set != null) {
            set.remove(monitor);
        }
    }

    /**
     * Registers {@code caller} as making calls to this process, so that it is told if this
     * process dies during a call; false if this process is dead already.
     */
    boolean addCaller(ProcessCell caller) {
        if (!isAlive()) {
            return false;
        }
        var parts = rare();
        var set = parts.callers;
        if (set == null) {
            synchronized (this) {
                set = parts.callers;
                if (set == null) {
                    parts.callers = set = ConcurrentHashMap.newKeySet(4);
                }
            }
        }
        set.add(caller);
        return isAlive();
    }

    void removeCaller(ProcessCell caller) {
        var parts = rare;
        var set = parts == null ? null : parts.callers;
        if (set != null) {
            set.remove(caller);
        }
    }

    /** {@code server}, which this process calls, died: fails the call waiting on it, if any. */
    void calleeDied(ProcessCell server, ExitReason reason) {
        var call = pendingCall;
        if (call != null) {
            call.calleeDied(server, reason, this);
        }
    }

    /**
     * Lists {@code monitor}, which this process holds, in its relations, for its death and for
     * {@link #monitoredPids}; not if this process is dead (its Down would be dropped anyway).
     */
    synchronized void rememberMonitor(MonitorRef monitor) {
        if (isAlive()) {
            relations().add(this, monitor);
        }
    }

    /** Notes that this process demonitored a monitor it holds; see {@link Relations#demonitored}. */
    synchronized void demonitored() {
        var related = relationsOrNull();
        if (related != null) {
            related.demonitored(this);
        }
    }

    /**
     * Enqueues the {@link Down} of {@code monitor}, which this process holds, for {@code reason},
     * if the monitor is still active: the one delivery (see {@link MonitorRef}). If this process
     * has died, the Down goes to its mailbox all the same, where nobody receives it (see below).
     */
    void deliverDown(MonitorRef monitor, ExitReason reason) {
        deliverDown(monitor, reason, null);
    }

    /**
     * {@link #deliverDown(MonitorRef, ExitReason)} with {@code words}, if not null, enqueued just
     * before the Down, in the same step; they are enqueued alone if the monitor was removed.
     */
    void deliverDown(MonitorRef monitor, ExitReason reason, Object words) {
        if (monitor.startDelivery()) {
            // Sent without a look at this watcher's liveness, which lies on the line it writes
            // as it works (a task's owner, spawning): a Down to a dead watcher goes into a mailbox
            // that is closed (and drops it), or that its ending thread is about to empty, or, for
            // an adopted thread that lives on, that its senders close within
            // LIVENESS_PERIOD messages.
            var down = new Down(monitor, monitor.target.pid, reason);
            if (words == null) {
                enqueue(down);
            } else {
                enqueueTwo(words, down);
            }
            monitor.delivered();
        } else if (words != null) {
            enqueue(words);
        }
    }

    synchronized List<Pid> monitoredPids() {
        var related = relationsOrNull();
        if (related == null) {
            return List.of();
        }
        var pids = new ArrayList<Pid>();
        for (int i = 0; i < related.size(); i++) {
            if (related.get(i) instanceof MonitorRef monitor && monitor.isActive()) {
                pids.add(monitor.target.pid);
            }
        }
        pids.sort(null);
        return pids;
    }

    List<Pid> watcherPids() {
        var pids = new ArrayList<Pid>();
        var first = firstWatcher;
        if (first != null && first.isActive()) {
            pids.add(first.watcher.pid);
        }
        var set = monitoredBy();
        if (set != null) {
            for (var monitor : set) {
                if (monitor.isActive()) {
                    pids.add(monitor.watcher.pid);
                }
            }
        }
        pids.sort(null);
        return pids;
    }

    // ---- names ----

    synchronized String name() {
        var parts = rare;
        return parts == null ? null : parts.name;
    }

    /** The monitors of this process beyond the first, or null if there never were any. */
    private Set<MonitorRef> monitoredBy() {
        var parts = rare;
        return parts == null ? null : parts.monitoredBy;
    }

    /** Registers this process under {@code name}; throws IllegalArgumentException as Erlang's badarg. */
    synchronized void register(String newName) {
        if (!isAlive()) {
            throw new IllegalArgumentException("cannot register " + newName + ": " + pid + " is not alive");
        }
        var current = name();
        if (current != null) {
            throw new IllegalArgumentException(
                    "cannot register " + newName + ": " + pid + " is already registered as " + current);
        }
        var holder = Node.names().putIfAbsent(newName, this);
        if (holder != null) {
            throw new IllegalArgumentException(
                    "cannot register " + newName + ": the name is taken by " + holder.pid);
        }
        rare().name = newName;
    }

    synchronized boolean unregister() {
        var parts = rare;
        if (parts == null || parts.name == null) {
            return false;
        }
        Node.names().remove(parts.name, this);
        parts.name = null;
        return true;
    }

    // ---- exit hooks ----

    /** Adds {@code hook} to run at this process's death; false if it is dying. */
    synchronized boolean addExitHook(ExitHook hook) {
        if (!isAlive()) {
            return false;
        }
        var parts = rare();
        hook.next = parts.exitHooks;
        parts.exitHooks = hook;
        return true;
    }

    /** Removes {@code hook} from those to run at death; false if it is not there or this process is dying. */
    synchronized boolean removeExitHook(ExitHook hook) {
        var parts = rare;
        if (!isAlive() || parts == null) {
            return false;
        }
        ExitHook previous = null;
        for (var each = parts.exitHooks; each != null; previous = each, each = each.next) {
            if (each == hook) {
                if (previous == null) {
                    parts.exitHooks = each.next;
                } else {
                    previous.next = each.next;
                }
                each.next = null;
                return true;
            }
        }
        return false;
    }

    // ---- timers ----

    /** Remembers a timer aimed at this process, so that death cancels it; false if dead. */
    boolean rememberTimer(TimerRef timer) {
        if (!isAlive()) {
            return false;
        }
        var parts = rare();
        var set = parts.timers;
        if (set == null) {
            synchronized (this) {
                set = parts.timers;
                if (set == null) {
                    parts.timers = set = ConcurrentHashMap.newKeySet(4);
                }
            }
        }
        set.add(timer);
        if (!isAlive()) {
            set.remove(timer);
            return false;
        }
        return true;
    }

    void forgetTimer(TimerRef timer) {
        var parts = rare;
        var set = parts == null ? null : parts.timers;
        if (set != null) {
            set.remove(timer);
        }
    }

    /** Wakes this process's thread if it is parked in a call. */
    void wake() {
        var owner = thread;
        if (owner != null) {
            LockSupport.unpark(owner);
        }
    }
}
