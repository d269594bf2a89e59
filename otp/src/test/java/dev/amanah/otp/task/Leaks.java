package dev.amanah.otp.task;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a test started and must have stopped: the processes alive and the process threads running
 * when the test began, compared with those at its end, waiting with a timeout (a killed process is
 * dead at once but its thread takes a moment to unwind).
 */
final class Leaks {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Set<Pid> before;
    private final long threadsBefore;

    private Leaks() {
        var self = Processes.self();
        // InProcess starts a watcher that monitors the test process; count it in the baseline.
        await(() -> Processes.info(self).map(info -> !info.monitoredBy().isEmpty()).orElse(false), "the test's watcher");
        before = new HashSet<>(Processes.list());
        threadsBefore = Processes.runningThreads();
    }

    static Leaks baseline() {
        return new Leaks();
    }

    /** Waits until every process started since the baseline has ended and unwound. */
    void assertNoneLeft() {
        await(() -> newProcesses().isEmpty(), "processes started by the test to end");
        await(() -> Processes.runningThreads() <= threadsBefore, "process threads to unwind");
    }

    private List<Pid> newProcesses() {
        return Processes.list().stream().filter(pid -> !before.contains(pid)).toList();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Processes.sleep(Duration.ofMillis(5));
        }
    }

    static void awaitDead(Pid pid) {
        await(() -> !pid.isAlive(), pid + " to die");
    }
}
