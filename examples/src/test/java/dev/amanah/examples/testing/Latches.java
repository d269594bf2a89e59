package dev.amanah.examples.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on latches from inside the work under test, where a checked exception has nowhere to go. */
public final class Latches {
    private Latches() {
    }

    /**
     * Waits (5 s at most) for {@code latch}; whether it opened. An interrupt (the waiting process
     * killed) ends the wait with false and keeps the thread's interrupt status.
     */
    public static boolean opens(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
