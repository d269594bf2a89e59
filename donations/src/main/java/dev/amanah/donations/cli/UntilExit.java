package dev.amanah.donations.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How {@code serve} and {@code demo} end: their thread waits until the JVM begins to exit
 * (Ctrl-C, {@code SIGTERM}), when a shutdown hook runs their stop. The hook holds
 * {@link ShutdownLogManager}'s reset from before it is registered until the stop is done, so what
 * the stop logs is written, and never holds it when no hook will release it.
 */
final class UntilExit {
    private UntilExit() {
    }

    /**
     * Registers {@code stop} to run in a shutdown hook named {@code name} and waits until it has
     * run. Should the JVM already be exiting, runs {@code stop} at once on the calling thread
     * instead (the JVM may halt before it ends) and returns.
     *
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    static void await(String name, Runnable stop) throws InterruptedException {
        var stopped = new CountDownLatch(1);
        // Held before the hook exists, so that no hook can run, and release, before the hold.
        ShutdownLogManager.holdResetAtExit();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stop.run();
                } finally {
                    ShutdownLogManager.releaseResetAtExit();
                    stopped.countDown();
                }
            }, name));
        } catch (IllegalStateException exiting) {
            ShutdownLogManager.releaseResetAtExit(); // no hook of ours will
            stop.run();
            return;
        }
        stopped.await();
    }
}
