package dev.amanah.donations.cli;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A JVM for {@link ShutdownLogManagerTest}: installs the log manager as {@code amanah} does, logs,
 * and exits while it waits in {@link UntilExit} as {@code serve} does; its stop logs once
 * java.util.logging's own hook has reached its reset (waiting in it, or done).
 */
public final class ShutdownLogChild {
    private ShutdownLogChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Amanah.useShutdownLogManager();
        var log = System.getLogger("dev.amanah.donations.cli.child");
        log.log(Level.INFO, "event=started");
        var main = Thread.currentThread();
        Thread.ofPlatform().start(() -> { // Ctrl-C, once main waits in UntilExit
            while (!waitsInUntilExit(main)) {
                Thread.onSpinWait();
            }
            System.exit(0);
        });
        UntilExit.await("child-stop", () -> {
            awaitLoggingCleaner();
            log.log(Level.INFO, "event=stopped");
        });
    }

    private static boolean waitsInUntilExit(Thread thread) {
        return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(UntilExit.class.getName()));
    }

    /** Until java.util.logging's hook is parked (in the held reset) or has ended (its reset done); 10 s at most. */
    private static void awaitLoggingCleaner() {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            var cleaner = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("Logging-Cleaner")).findFirst();
            if (cleaner.isEmpty() || cleaner.get().getState() == Thread.State.WAITING) {
                return; // ended (or not started, then also never to reset before the JVM halts) or held
            }
            Thread.onSpinWait();
        }
    }
}
