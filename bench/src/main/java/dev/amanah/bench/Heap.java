package dev.amanah.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap occupancy, for bytes-per-process figures. */
public final class Heap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {
    }

    /**
     * Heap bytes in use after full collections: live objects only. A parked virtual thread's
     * stack lives on the heap (its stack chunks), so it is counted.
     */
    public static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        // A second collection catches what the first only made unreachable (finalizable
        // references, cleared soft caches); stop when it stops shrinking.
        for (int i = 0; i < 4; i++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }
}
