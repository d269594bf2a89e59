package dev.amanah.otp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every process whose thread has not ended yet, spawned or adopted: what {@link Processes#list()}
 * and {@link Processes#runningThreads()} read.
 *
 * <p>Why not a concurrent map: the table is written twice per process (its start and its end)
 * and read rarely (a listing). A {@code ConcurrentHashMap} entry cost about 40 bytes per process
 * (its node and its share of the table array), a tenth of an idle process, and the map grew by
 * copying itself through every doubling up to a million entries. Here a process sits in one of
 * {@link #STRIPES} arrays, picked by its id, at the index its cell keeps
 * ({@link ProcessCell#tableSlot}); a removal moves the stripe's last cell into the freed place.
 * So adding writes the stripe's own array and the new cell, and removing writes the array and
 * one other cell's index, an {@code int}. (A doubly linked list through the cells, as before,
 * wrote references into two older cells at every removal, whose lines were long cold, with a
 * garbage collector's barrier on each: 0.15-0.4 us per process at start and again at end.)
 * Each stripe is guarded by its own lock, which only the processes of that stripe take, so a
 * spawner and the processes ending on another carrier rarely meet on one.
 *
 * <p>Thread-safe. A listing is a snapshot per stripe, each exact at the instant its lock was
 * held; the whole is not atomic (a process may start or end between two stripes), as a listing
 * of running processes cannot be anyway.
 */
final class ProcessTable {
    /** A power of two, to pick a stripe with a mask; a few times the carriers of a large machine. */
    private static final int STRIPES = 64;
    /** One stripe in every {@code SPACING} slots of the array, so that two stripes' locks do not share a cache line. */
    private static final int SPACING = 8;
    private static final int INITIAL_CAPACITY = 16;
    /**
     * A stripe's array is not shrunk below this many slots (256 bytes; 16 KB for the whole
     * table). Without a floor, a stripe that fills and empties again with each burst of short
     * processes grew and shrank its array at every burst: an owner of tasks, which yields every
     * {@link ProcessCell#SLICE} spawns while about 33 of its tasks are listed per stripe, made
     * 3,150 arrays and as many copies on its own spawn path, and the ending tasks as many again,
     * per 100,000 tasks (counted in a throw-away build, 5 December 2026).
     */
    private static final int SHRINK_FLOOR = 64;

    private final Stripe[] stripes = new Stripe[STRIPES * SPACING];

    /** One array of cells, {@code cells[0, size)} listed, each at its {@link ProcessCell#tableSlot}. */
    private static final class Stripe {
        // Guarded by this.
        private ProcessCell[] cells = new ProcessCell[INITIAL_CAPACITY];
        private int size;
        private int spawned;
    }

    ProcessTable() {
        // Allocated one after another, each padded by the unused ones between, which the JVM keeps
        // adjacent in a fresh heap: a simple stand-in for @Contended, which needs a JVM flag.
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
    }

    private Stripe stripeOf(ProcessCell cell) {
        return stripes[(int) (cell.pid.id() & (STRIPES - 1)) * SPACING];
    }

    /** Lists {@code cell}, not listed yet, until {@link #remove}. */
    void add(ProcessCell cell) {
        var stripe = stripeOf(cell);
        synchronized (stripe) {
            int at = stripe.size;
            if (at == stripe.cells.length) {
                stripe.cells = Arrays.copyOf(stripe.cells, at * 2);
            }
            stripe.cells[at] = cell;
            stripe.size = at + 1;
            cell.tableSlot = at;
            if (!cell.adopted) {
                stripe.spawned++;
            }
        }
    }

    /** Unlists {@code cell}, listed by {@link #add}; once only. */
    void remove(ProcessCell cell) {
        var stripe = stripeOf(cell);
        synchronized (stripe) {
            var cells = stripe.cells;
            int last = --stripe.size;
            var moved = cells[last];
            int at = cell.tableSlot;
            cells[at] = moved;
            moved.tableSlot = at;
            cells[last] = null; // an ended cell that somebody still holds must not be kept listed, nor kept reachable
            if (!cell.adopted) {
                stripe.spawned--;
            }
            // Give back what a burst of processes grew, with slack, so that a stripe at its
            // capacity's edge does not copy at every start and end; down to SHRINK_FLOOR only.
            if (cells.length > SHRINK_FLOOR && last < cells.length / 4) {
                stripe.cells = Arrays.copyOf(cells, cells.length / 2);
            }
        }
    }

    /** The cells listed now, in no particular order. */
    List<ProcessCell> snapshot() {
        var cells = new ArrayList<ProcessCell>();
        for (int i = 0; i < STRIPES; i++) {
            var stripe = stripes[i * SPACING];
            synchronized (stripe) {
                cells.addAll(Arrays.asList(stripe.cells).subList(0, stripe.size));
            }
        }
        return cells;
    }

    /** Spawned processes whose thread has started and not yet ended; adopted threads not counted. */
    long spawnedRunning() {
        long running = 0;
        for (int i = 0; i < STRIPES; i++) {
            var stripe = stripes[i * SPACING];
            synchronized (stripe) {
                running += stripe.spawned;
            }
        }
        return running;
    }
}
