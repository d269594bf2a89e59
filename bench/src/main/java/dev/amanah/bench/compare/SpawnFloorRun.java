package dev.amanah.bench.compare;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code spawn} on the floor: one virtual thread starts {@code size} virtual threads that each count down a latch. */
public final class SpawnFloorRun implements Run {

    @Override
    public long nanos(int size) throws Exception {
        var ended = new CountDownLatch(size);
        return Timed.inVirtualThread(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < size; i++) {
                Thread.ofVirtual().start(ended::countDown);
            }
            if (!ended.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("spawn on the floor: " + ended.getCount() + " of " + size + " never ran");
            }
            return System.nanoTime() - start;
        });
    }
}
