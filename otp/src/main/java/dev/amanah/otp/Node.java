package dev.amanah.otp;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The runtime's shared tables: processes by thread, registered names, threads adopted as
 * processes, the timer thread, and crash reports.
 *
 * <p>One per JVM, like one BEAM node. Nothing here takes a global lock: spawning touches one
 * atomic counter (the next id) and one slot of the {@link ProcessTable}.
 */
final class Node {
    private static final System.Logger LOG = System.getLogger("dev.amanah.otp.crash");
    /** The last id handed out; ids start at 1. */
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Every process, spawned or adopted, until its thread has returned (spawned) or ended
     * (adopted), so a killed process still unwinding is listed, and counted as running, until
     * its thread is done; dead processes are filtered out where only live ones are wanted.
     */
    private static final ProcessTable PROCESSES = new ProcessTable(1);
    private static final ConcurrentHashMap<String, ProcessCell> NAMES = new ConcurrentHashMap<>();
    /**
     * Threads adopted as processes, with their process: the answer to "which process am I" for
     * them. A spawned process's thread answers that itself, faster: its uncaught-exception
     * handler is its cell, one field read instead of a lookup in a map, and no ThreadLocalMap
     * (~140 bytes per idle process). An entry stays until the thread ends, or is adopted again
     * after its process died.
     */
    private static final ConcurrentHashMap<Thread, ProcessCell> ADOPTED = new ConcurrentHashMap<>();
    private static final ThreadFactory THREADS = Thread.ofVirtual().factory();
    private static final AtomicBoolean REAPER_STARTED = new AtomicBoolean();
    private static final ScheduledThreadPoolExecutor TIMERS = newTimerThread();

    private Node() {
    }

    private static ScheduledThreadPoolExecutor newTimerThread() {
        var executor = new ScheduledThreadPoolExecutor(1, task -> {
            var thread = new Thread(task, "amanah-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    static ConcurrentHashMap<String, ProcessCell> names() {
        return NAMES;
    }

    /** The processes alive now, in no particular order. */
    static Stream<ProcessCell> live() {
        return PROCESSES.cells().stream().filter(ProcessCell::isAlive);
    }

    static ScheduledThreadPoolExecutor timers() {
        return TIMERS;
    }

    /** Spawned processes whose thread has not returned yet; O(processes), for tests and diagnostics. */
    static long runningThreads() {
        return PROCESSES.cells().stream().filter(cell -> !cell.adopted).count();
    }

    /** The calling thread's process, or null if it has none yet. */
    static ProcessCell currentOrNull() {
        var thread = Thread.currentThread();
        if (thread.getUncaughtExceptionHandler() instanceof ProcessCell cell) {
            return cell;
        }
        return ADOPTED.get(thread);
    }

    /**
     * The calling thread's process, adopting the thread as a new process if it has none, or if
     * the process it had as an adopted thread has died.
     */
    static ProcessCell current() {
        var cell = currentOrNull();
        if (cell != null && (cell.isAlive() || !cell.adopted)) {
            return cell;
        }
        return adopt();
    }

    private static ProcessCell adopt() {
        var cell = new ProcessCell(IDS.incrementAndGet(), true);
        cell.thread = Thread.currentThread();
        PROCESSES.add(cell);
        var previous = ADOPTED.put(cell.thread, cell);
        if (previous != null) {
            PROCESSES.remove(previous); // the thread's earlier process, dead
        }
        ProcessEvents.spawn(cell, null);
        startReaper();
        return cell;
    }

    /**
     * Watches adopted threads: when one ends, its process ends with {@code normal}, so its links
     * and monitors fire. The JDK has no hook for a thread's end, so the timer thread polls.
     */
    private static void startReaper() {
        if (REAPER_STARTED.compareAndSet(false, true)) {
            TIMERS.scheduleWithFixedDelay(() -> {
                for (var cell : ADOPTED.values()) {
                    if (!cell.thread.isAlive()) {
                        ProcessCell.terminate(cell, ExitReason.NORMAL);
                        if (ADOPTED.remove(cell.thread, cell)) {
                            PROCESSES.remove(cell);
                        }
                    }
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A new process that is not started yet: nobody else can see it until {@link #start}, so its
     * creator may link or monitor it without locking it.
     */
    static ProcessCell create() {
        return new ProcessCell(IDS.incrementAndGet(), false);
    }

    /**
     * Gives up {@code cell}, made by {@link #create} but not to be started (making its body
     * failed): its id is released, as its thread's end would have.
     */
    static void discard(ProcessCell cell) {
        PROCESSES.discard(cell.pid.id());
    }

    /** Lists {@code cell}, made by {@link #create}, and starts its thread running {@code body}. */
    static void start(ProcessCell cell, ProcessBody body, ProcessCell parent) {
        // Listed before it runs, unlisted when its thread is done; the thread keeps the segment.
        var segment = PROCESSES.add(cell);
        try {
            var thread = THREADS.newThread(() -> run(cell, body, segment));
            cell.thread = thread;
            thread.setUncaughtExceptionHandler(cell);
            ProcessEvents.spawn(cell, parent);
            thread.start();
        } catch (RuntimeException | Error e) {
            PROCESSES.remove(cell, segment);
            throw e;
        }
    }

    private static void run(ProcessCell cell, ProcessBody body, ProcessTable.Segment segment) {
        ExitReason reason;
        Throwable failure = null;
        try {
            if (cell.isAlive()) {
                body.run();
            }
            reason = ExitReason.NORMAL;
        } catch (Throwable t) {
            failure = t;
            reason = ExitReason.from(t);
        }
        try {
            // Report before the exit is visible, so whoever sees the Down can also see the report.
            if (!reason.isGraceful() && cell.isAlive()) {
                report(cell, cell.name(), reason, failure);
            }
            ProcessCell.terminate(cell, reason);
        } finally {
            cell.releaseAlarm();
            PROCESSES.remove(cell, segment);
        }
    }

    /** Logs a crash report: pid, registered name, reason and the stack trace. */
    static void report(ProcessCell cell, String name, ExitReason reason, Throwable failure) {
        ProcessEvents.crash(cell, name, reason);
        if (LOG.isLoggable(Level.ERROR)) {
            var who = name == null ? cell.pid.toString() : cell.pid + " (" + name + ")";
            LOG.log(Level.ERROR, "Process " + who + " terminated with reason " + reason, failure);
        }
    }
}
