package dev.amanah.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/** Heap occupancy, for bytes-per-process and live-peak figures. */
public final class Heap {
    /**
     * The heap's pools but the young generation's allocation space: a full collection leaves
     * that space empty, and whatever the running threads allocate right after it (a new TLAB
     * each, whose whole size counts as used, and TLABs grow with the allocation rate of the runs
     * before) would otherwise count as live. With G1, the old generation and the survivor space.
     */
    private static final List<MemoryPoolMXBean> RETAINED = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden"))
            .toList();

    private Heap() {
    }

    /**
     * Heap bytes in use after full collections: live objects only. A parked virtual thread's
     * stack lives on the heap (its stack chunks), so it is counted. Read from the pools that a
     * full collection fills ({@link #RETAINED}), so that threads still running while it is read
     * do not add their fresh allocation buffers.
     */
    public static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        // A second collection catches what the first only made unreachable (finalizable
        // references, cleared soft caches); stop when it stops shrinking.
        for (int i = 0; i < 4; i++) {
            System.gc();
            long now = retained();
            if (now >= used) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static long retained() {
        long sum = 0;
        for (var pool : RETAINED) {
            sum += pool.getUsage().getUsed();
        }
        return sum;
    }
}
