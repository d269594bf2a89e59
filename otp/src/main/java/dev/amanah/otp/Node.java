package dev.amanah.otp;

import java.lang.System.Logger.Level;
import java.util.Set;
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
 * <p>One per JVM, like one BEAM node. Nothing here takes a global lock: the tables are concurrent
 * maps and spawning touches one atomic counter.
 */
final class Node {
    private static final System.Logger LOG = System.getLogger("dev.amanah.otp.crash");
    private static final AtomicLong IDS = new AtomicLong();
    /**
     * Every process whose thread has not ended, spawned or adopted; dead processes still
     * unwinding are filtered out of listings.
     */
    private static final ProcessTable TABLE = new ProcessTable();
    /**
     * Adopted threads with their process: the answer to "which process am I" for them. A spawned
     * process's thread answers that itself, faster: its uncaught-exception handler is its cell,
     * one field read instead of a lookup in a table of a million entries that misses the cache
     * (ring at 1M processes), and no ThreadLocalMap (~140 bytes per idle process). An entry stays
     * until the thread ends or is adopted again (a killed process still unwinding must still find
     * itself).
     */
    private static final ConcurrentHashMap<Thread, ProcessCell> ADOPTED_THREADS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, ProcessCell> NAMES = new ConcurrentHashMap<>();
    private static final Set<ProcessCell> ADOPTED = ConcurrentHashMap.newKeySet();
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
        return TABLE.snapshot().stream().filter(ProcessCell::isAlive);
    }

    static ScheduledThreadPoolExecutor timers() {
        return TIMERS;
    }

    static long runningThreads() {
        return TABLE.spawnedRunning();
    }

    /** The calling thread's process, or null if it has none yet. */
    static ProcessCell currentOrNull() {
        var thread = Thread.currentThread();
        if (thread.getUncaughtExceptionHandler() instanceof ProcessCell cell) {
            return cell;
        }
        return ADOPTED_THREADS.get(thread);
    }

    /**
     * The calling thread's process, adopting the thread as a new process if it has none, or if
     * the process it had as an adopted thread has died and the thread has been told.
     *
     * @throws ExitException the first time an adopted thread calls after its process died unseen
     *                       (killed while it ran its own code, which no interrupt disturbs): its
     *                       code stops here, as a spawned process's does
     */
    static ProcessCell current() {
        var cell = currentOrNull();
        if (cell != null && (cell.isAlive() || !cell.adopted)) {
            return cell;
        }
        if (cell != null && !cell.deathTold) {
            cell.checkAlive();
        }
        return adopt();
    }

    private static ProcessCell adopt() {
        var cell = new ProcessCell(IDS.incrementAndGet(), true);
        cell.thread = Thread.currentThread();
        var previous = ADOPTED_THREADS.put(cell.thread, cell);
        if (previous != null) {
            TABLE.remove(previous); // its process died; the thread is adopted again
        }
        TABLE.add(cell);
        ADOPTED.add(cell);
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
                for (var cell : ADOPTED) {
                    if (!cell.thread.isAlive()) {
                        ProcessCell.terminate(cell, ExitReason.NORMAL);
                        ADOPTED.remove(cell);
                        if (ADOPTED_THREADS.remove(cell.thread, cell)) {
                            TABLE.remove(cell);
                        }
                    } else if (!cell.isAlive() && ADOPTED_THREADS.get(cell.thread) != cell) {
                        ADOPTED.remove(cell); // died, and its thread has been adopted again
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

    /** Lists {@code cell}, made by {@link #create}, and starts its thread running {@code body}. */
    static void start(ProcessCell cell, ProcessBody body, ProcessCell parent) {
        cell.runs(body);
        var thread = THREADS.newThread(cell);
        cell.thread = thread;
        thread.setUncaughtExceptionHandler(cell);
        TABLE.add(cell);
        ProcessEvents.spawn(cell, parent);
        thread.start();
    }

    /** The thread of {@code cell}, a spawned process, is about to end: unlists it. */
    static void ended(ProcessCell cell) {
        TABLE.remove(cell);
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
