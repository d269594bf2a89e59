package dev.amanah.otp.pool;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.TimerRef;
import dev.amanah.otp.server.StartResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The bookkeeping of one pool, owned by its process: workers by state, idle workers in line,
 * callers waiting in line. See {@link WorkerPool} for the state machine; {@link #settle()} restores
 * its invariants after every event.
 */
final class Pool {
    /** Where one worker stands. */
    private sealed interface Slot {
    }

    private record Idle() implements Slot {
        static final Idle INSTANCE = new Idle();
    }

    /** Checked out by {@code borrower}, which the pool monitors with {@code monitor}. */
    private record Borrowed(Pid borrower, Ref monitor) implements Slot {
    }

    /** Found dead before its exit signal was handled: counted until then, never handed out. */
    private record Dying() implements Slot {
        static final Dying INSTANCE = new Dying();
    }

    /** A caller in line for a worker, monitored so that its death takes it out of line. */
    private record Waiter(ReplyTo from, Pid caller, Ref monitor) {
    }

    /** Sent to the pool when a dismissed worker's shutdown time is up: it is killed if still running. */
    record Overdue(Pid worker) {
    }

    /** Beyond this a worker shutdown is taken as infinite: no timer is set for a dismissed worker. */
    private static final Duration MAX_SHUTDOWN = Duration.ofDays(365);

    private final PoolOptions options;
    /** Dismissed workers not yet seen to exit, with their {@link Overdue} timer (null if none). */
    private final Map<Pid, TimerRef> dismissed = new HashMap<>();
    private final Map<Pid, Slot> workers = new HashMap<>();
    private final Map<Ref, Pid> borrowedByMonitor = new HashMap<>();
    private final ArrayDeque<Pid> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    Pool(PoolOptions options) {
        this.options = options;
    }

    /** Starts the pool's {@code size} workers; throws {@link ExitException} if one fails to start. */
    void fill() {
        while (workers.size() < options.size()) {
            makeIdle(startWorker());
        }
    }

    /** A checkout from {@code caller}: hands a worker out, queues the caller, or answers full. */
    void checkout(ReplyTo from, Pid caller, boolean block) {
        var worker = takeIdle();
        if (worker == null && workers.size() < options.size() + options.maxOverflow()) {
            worker = startWorker();
        }
        if (worker != null) {
            if (!handOut(worker, from, caller, Processes.monitor(caller))) {
                makeIdle(worker);
                settle();
            }
        } else if (block) {
            waiting.addLast(new Waiter(from, caller, Processes.monitor(caller)));
        } else {
            Processes.reply(from, PoolServer.Full.FULL);
        }
    }

    /** A checkin of {@code worker} by {@code caller}: the problem, or null when accepted. */
    CheckinException.Problem checkin(Pid worker, Pid caller) {
        var slot = workers.get(worker);
        return switch (slot) {
            case null -> worker.isAlive() ? CheckinException.Problem.NOT_A_WORKER : null; // died, replaced
            case Idle idleSlot -> CheckinException.Problem.NOT_CHECKED_OUT;
            case Dying dying -> null;
            case Borrowed borrowed when borrowed.borrower() != caller -> CheckinException.Problem.NOT_THE_BORROWER;
            case Borrowed borrowed -> {
                Processes.demonitor(borrowed.monitor(), true);
                giveBack(worker, borrowed);
                yield null;
            }
        };
    }

    /** A caller whose checkout timed out leaves the line (a reply to it fails anyway). */
    void cancelWaiting(Pid caller) {
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
            var waiter = it.next();
            if (waiter.caller() == caller) {
                Processes.demonitor(waiter.monitor(), true);
                it.remove();
            }
        }
    }

    /** A monitor fired: a borrower died (its worker comes back) or a waiter died (it leaves the line). */
    void down(Down down) {
        var worker = borrowedByMonitor.get(down.ref());
        if (worker != null) {
            giveBack(worker, (Borrowed) workers.get(worker));
            return;
        }
        waiting.removeIf(waiter -> waiter.monitor() == down.ref());
    }

    /** A linked process exited: if it is a worker, it is forgotten and replaced as needed. */
    void exited(Exit exit) {
        var slot = workers.remove(exit.from());
        if (slot == null) {
            var timer = dismissed.remove(exit.from());
            if (timer != null) {
                Processes.cancelTimer(timer);
            }
            return; // a dismissed worker, or not ours
        }
        if (slot instanceof Borrowed borrowed) {
            borrowedByMonitor.remove(borrowed.monitor());
            Processes.demonitor(borrowed.monitor(), true);
        } else if (slot instanceof Idle) {
            idle.remove(exit.from());
        }
        settle();
    }

    PoolStatus status() {
        int busy = borrowedByMonitor.size();
        return new PoolStatus(idle.size(), busy, Math.max(0, workers.size() - options.size()), waiting.size());
    }

    /** A dismissed worker outlived its shutdown time: killed, as a supervisor's child is. */
    void overdue(Pid worker) {
        if (dismissed.containsKey(worker)) {
            Processes.exit(worker, ExitReason.KILL);
        }
    }

    /** Every worker the pool runs, dismissed ones still ending included, for its shutdown. */
    Iterable<Pid> workers() {
        var all = new ArrayList<>(workers.keySet());
        all.addAll(dismissed.keySet());
        return all;
    }

    private void giveBack(Pid worker, Borrowed borrowed) {
        borrowedByMonitor.remove(borrowed.monitor());
        if (worker.isAlive()) {
            makeIdle(worker);
        } else {
            workers.put(worker, Dying.INSTANCE); // its exit signal is on the way
        }
        settle();
    }

    /**
     * Restores the invariants: at least {@code size} workers; no idle worker while a caller waits
     * (overflow workers are started for waiters while allowed); no idle worker beyond {@code size}.
     */
    private void settle() {
        fill();
        while (!waiting.isEmpty()) {
            var worker = takeIdle();
            if (worker == null) {
                if (workers.size() >= options.size() + options.maxOverflow()) {
                    break;
                }
                worker = startWorker();
            }
            var waiter = waiting.pollFirst();
            if (!handOut(worker, waiter.from(), waiter.caller(), waiter.monitor())) {
                makeIdle(worker); // the waiter timed out or died: the next one gets it
            }
        }
        while (workers.size() > options.size() && !idle.isEmpty()) {
            dismiss(idle.pollFirst());
        }
    }

    /**
     * Stops a surplus worker as poolboy's {@code supervisor:terminate_child} does: {@code shutdown},
     * then {@code kill} once {@link PoolOptions#workerShutdown()} has passed (see {@link #overdue}).
     */
    private void dismiss(Pid worker) {
        workers.remove(worker);
        TimerRef timer = null;
        if (options.workerShutdown().compareTo(MAX_SHUTDOWN) < 0) {
            timer = Processes.sendAfter(Processes.self(), new Overdue(worker), options.workerShutdown());
        }
        dismissed.put(worker, timer);
        Processes.exit(worker, ExitReason.SHUTDOWN);
    }

    /**
     * Replies with {@code worker}; true if the caller took it (it is then borrowed), false if the
     * caller no longer waits (timed out or died), in which case its monitor is dropped.
     */
    private boolean handOut(Pid worker, ReplyTo from, Pid caller, Ref monitor) {
        if (Processes.reply(from, worker)) {
            workers.put(worker, new Borrowed(caller, monitor));
            borrowedByMonitor.put(monitor, worker);
            return true;
        }
        Processes.demonitor(monitor, true);
        return false;
    }

    private Pid takeIdle() {
        for (;;) {
            var worker = options.strategy() == PoolOptions.Strategy.LIFO ? idle.pollLast() : idle.pollFirst();
            if (worker == null || worker.isAlive()) {
                return worker;
            }
            workers.put(worker, Dying.INSTANCE);
        }
    }

    private void makeIdle(Pid worker) {
        workers.put(worker, Idle.INSTANCE);
        idle.addLast(worker);
    }

    private Pid startWorker() {
        StartResult result;
        try {
            result = options.worker().get();
        } catch (ExitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ExitException(ExitReason.of(new WorkerStartFailed(new StartResult.Error(ExitReason.from(e)))));
        }
        if (result instanceof StartResult.Ok(var pid)) {
            Processes.link(pid); // a factory that does not link must not hide its workers' deaths
            return pid;
        }
        throw new ExitException(ExitReason.of(new WorkerStartFailed(result)));
    }
}
