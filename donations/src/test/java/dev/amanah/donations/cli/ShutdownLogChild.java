package dev.amanah.donations.cli;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * A JVM for {@link ShutdownLogManagerTest}: installs the log manager as {@code amanah} does, logs,
 * holds the reset at exit as {@code serve} does, and exits; its shutdown hook logs once
 * java.util.logging's own hook has reached its reset (waiting in it, or done), then releases.
 */
public final class ShutdownLogChild {
    private ShutdownLogChild() {
    }

    public static void main(String[] args) {
        Amanah.useShutdownLogManager();
        var log = System.getLogger("dev.amanah.donations.cli.child");
        log.log(Level.INFO, "event=started");
        ShutdownLogManager.holdResetAtExit(); System.out.println("manager " + java.util.logging.LogManager.getLogManager().getClass());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            awaitLoggingCleaner(); System.out.println("hook: after await " + java.util.logging.Logger.getLogger("").getHandlers().length + " " + Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("Logging-Cleaner")).map(t -> t.getState() + java.util.Arrays.toString(t.getStackTrace())).toList());
            log.log(Level.INFO, "event=stopped");
            ShutdownLogManager.releaseResetAtExit();
        }));
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
