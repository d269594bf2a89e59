package dev.amanah.otp;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * For tests that must kill a process at one precise point inside the runtime, where no code of
 * theirs runs: a process's cell lock, which the runtime takes to change its links, monitors and
 * name, is held by the test while the process reaches that point and blocks on it; the test then
 * kills it (death takes the same lock, which the holder re-enters) and lets it go on, dead.
 * Test code only: the runtime has no hook for this.
 */
public final class CellLocks {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private CellLocks() {
    }

    /** Runs {@code action} holding the lock of {@code pid}'s process. */
    public static void holding(Pid pid, Runnable action) {
        synchronized (pid.cell) {
            action.run();
        }
    }

    /** The thread of {@code pid}, a spawned process that has not ended yet. */
    public static Thread threadOf(Pid pid) {
        var thread = pid.cell.thread;
        if (thread == null) {
            throw new IllegalStateException(pid + " has no thread: not spawned, or ended");
        }
        return thread;
    }

    /**
     * Waits until {@code thread} is blocked on a lock inside the runtime's method {@code method}
     * of a process's cell (the class holding the lock, package-private, so named here); fails
     * after 5 s. Polls: a blocked thread tells nobody.
     */
    public static void awaitBlockedInCell(Thread thread, String method) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!(thread.getState() == Thread.State.BLOCKED
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame ->
                        frame.getClassName().equals(ProcessCell.class.getName()) && frame.getMethodName().equals(method)))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + thread + " to block in " + method
                        + "; it is " + thread.getState() + " at " + Arrays.toString(thread.getStackTrace()));
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
