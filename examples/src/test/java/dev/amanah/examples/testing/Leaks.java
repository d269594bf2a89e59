package dev.amanah.examples.testing;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What a test started and must have stopped: the processes alive when it began, compared with
 * those alive at its end. Waits (polling, with a timeout) because a killed process is dead at once
 * but a process that is told to stop takes a moment to end.
 */
public final class Leaks {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Set<Pid> before;

    private Leaks() {
        var self = Processes.self();
        // InProcess starts a watcher that monitors the test process; count it in the baseline.
        await(() -> Processes.info(self).map(info -> !info.monitoredBy().isEmpty()).orElse(false),
                "the test's watcher");
        before = new HashSet<>(Processes.list());
    }

    /** Records the processes alive now. */
    public static Leaks baseline() {
        return new Leaks();
    }

    /** Waits until every process started since the baseline has ended. */
    public void assertNoneLeft() {
        await(() -> started().isEmpty(), "processes started by the test to end");
    }

    /** The processes started since the baseline and still alive. */
    public List<Pid> started() {
        return Processes.list().stream().filter(pid -> !before.contains(pid)).toList();
    }

    /** Waits until {@code condition} holds, polling, or fails after 10 s naming {@code what}. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Processes.sleep(Duration.ofMillis(2));
        }
    }
}
