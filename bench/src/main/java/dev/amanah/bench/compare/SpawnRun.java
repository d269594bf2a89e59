package dev.amanah.bench.compare;

import dev.amanah.otp.Processes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code spawn}: one process spawns {@code size} processes that each count down a latch, until all have. */
public final class SpawnRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        var elapsed = new CompletableFuture<Long>();
        var ended = new CountDownLatch(size);
        Alignment.shuffle();
        Processes.spawn(() -> {
            try {
                long start = System.nanoTime();
                for (int i = 0; i < size; i++) {
                    Processes.spawn(ended::countDown);
                }
                if (!ended.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("spawn: " + ended.getCount() + " of " + size + " never ran");
                }
                elapsed.complete(System.nanoTime() - start);
            } catch (Throwable failure) {
                elapsed.completeExceptionally(failure);
            }
        });
        return elapsed.get(2, TimeUnit.MINUTES);
    }
}
