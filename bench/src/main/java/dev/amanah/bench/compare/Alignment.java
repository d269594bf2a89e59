package dev.amanah.bench.compare;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Moves the next objects this thread allocates by a random 0-56 bytes, so that the cell of the
 * process a run spawns next (the task owner, the server) lands at each cache-line offset in turn
 * over the rounds. Why: the same build's rate moves by up to a third with that offset (which of the
 * cell's fields share a line with what the other carrier writes), so a comparison whose runs all
 * drew one offset per build would measure the offsets, not the builds.
 */
final class Alignment {
    /** Keeps the padding reachable until the next shuffle, so that the allocator cannot skip it. */
    @SuppressWarnings("unused")
    private static volatile long[] padding;

    private Alignment() {
    }

    /** Allocates 0 to 7 longs; call it right before allocating the object to move. */
    static void shuffle() {
        padding = new long[ThreadLocalRandom.current().nextInt(8)];
    }
}
