package dev.amanah.donations.cli;

import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * The JVM's log manager under the command line: {@link Amanah#useShutdownLogManager()} names it
 * in {@code java.util.logging.manager} before anything logs. java.util.logging resets its log
 * manager in a shutdown hook of its own, closing every handler, while {@code serve}'s and
 * {@code demo}'s hooks are still stopping the service (hooks run at once, in no order), so what
 * the service logged while it stopped (the HTTP drain, a stop cut short, {@code service_stopped})
 * was often lost. While a command {@linkplain #holdResetAtExit() holds} it, that reset waits until
 * the command {@linkplain #releaseResetAtExit() releases} it, so the stop's lines are written; any
 * other reset (a configuration read again) happens at once, and with nothing held this manager
 * behaves as the JDK's.
 *
 * <p>Thread-safe. A command that holds must release, in its own shutdown hook, or the JVM does
 * not exit: {@link UntilExit} does both.
 */
public final class ShutdownLogManager extends LogManager {
    private volatile CountDownLatch held;

    /** Made by java.util.logging, from the name {@link Amanah#useShutdownLogManager()} sets; public for that alone. */
    public ShutdownLogManager() {
    }

    /** Makes the reset at the JVM's exit wait for {@link #releaseResetAtExit()}; nothing if this is not the log manager. */
    static void holdResetAtExit() {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager) {
            manager.held = new CountDownLatch(1);
        }
    }

    /** Lets the reset at the JVM's exit go on: what was to be logged has been. */
    static void releaseResetAtExit() {
        if (LogManager.getLogManager() instanceof ShutdownLogManager manager && manager.held != null) {
            manager.held.countDown();
        }
    }

    @Override
    public void reset() {
        var latch = held;
        if (latch != null && isExitReset()) {
            awaitUninterruptibly(latch);
        }
        super.reset();
    }

    /** Whether this reset is java.util.logging's own at the JVM's exit: its hook is a thread class nested in LogManager. */
    private static boolean isExitReset() {
        return Thread.currentThread().getClass().getEnclosingClass() == LogManager.class;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
