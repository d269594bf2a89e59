package dev.amanah.donations.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * How {@code serve} and {@code demo} end: their thread waits until the JVM begins to exit
 * (Ctrl-C, {@code SIGTERM}), when a shutdown hook runs their stop. The hook holds
 * {@link ShutdownLogManager}'s reset from before it is registered until the stop is done, so what
 * the stop logs is written, and never holds it when no hook will release it. {@code serve} also
 * ends when its service stopped on its own ({@link #awaitOr}).
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
        awaitOr(name, stop, new CompletableFuture<>());
    }

    /**
     * As {@link #await(String, Runnable)}, but also returns once {@code stoppedItself} completes
     * (what was to be stopped stopped on its own), with the hook removed, unless the JVM had begun
     * to exit by then: the hook then runs as usual and this waits for it.
     *
     * @return true if it returned because {@code stoppedItself} completed and no hook ran
     * @throws InterruptedException if the calling thread is interrupted while it waits
     */
    static boolean awaitOr(String name, Runnable stop, CompletionStage<?> stoppedItself) throws InterruptedException {
        var hookRan = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        // Held before the hook exists, so that no hook can run, and release, before the hold.
        ShutdownLogManager.holdResetAtExit();
        var hook = new Thread(() -> {
            try {
                stop.run();
            } finally {
                ShutdownLogManager.releaseResetAtExit();
                hookRan.countDown();
                ended.countDown();
            }
        }, name);
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            ShutdownLogManager.releaseResetAtExit(); // no hook of ours will
            stop.run();
            return false;
        }
        stoppedItself.thenRun(ended::countDown);
        ended.await();
        if (hookRan.getCount() == 0) {
            return false;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            hookRan.await(); // the JVM began to exit meanwhile: the hook runs, or has begun to
            return false;
        }
        ShutdownLogManager.releaseResetAtExit(); // the hook, removed, never will
        return true;
    }
}
