package dev.amanah.bench.compare;

import dev.amanah.otp.Processes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code spawn}: one process spawns {@code size} processes that each count down a latch, until all have. */
public final class SpawnRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        var ended = new CountDownLatch(size);
        Alignment.shuffle();
        return Timed.inProcess(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) {
                Processes.spawn(ended::countDown);
            }
            if (!ended.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("spawn: " + ended.getCount() + " of " + size + " never ran");
            }
            return System.nanoTime() - start;
        });
    }
}
