package dev.amanah.otp;

import java.util.ArrayList;
import java.util.List;

/**
 * Every process whose thread has not ended yet, spawned or adopted: what {@link Processes#list()}
 * and {@link Processes#runningThreads()} read.
 *
 * <p>Why not a concurrent map: the table is written twice per process (its start and its end)
 * and read rarely (a listing). A {@code ConcurrentHashMap} entry cost about 40 bytes per process
 * (its node and its share of the table array), a tenth of an idle process, and the map grew by
 * copying itself through every doubling up to a million entries. Here a process is threaded into
 * one of {@link #STRIPES} doubly linked lists through two fields of its own cell, picked by its
 * id, so insertion and removal are O(1) and allocate nothing; each list is guarded by its own lock,
 * which only the processes of that stripe take, so a spawner and the processes ending on another
 * carrier rarely meet on one.
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

    private final Stripe[] stripes = new Stripe[STRIPES * SPACING];

    /** One list of cells, linked through {@link ProcessCell#tablePrevious} and {@link ProcessCell#tableNext}. */
    private static final class Stripe {
        // Guarded by this.
        private ProcessCell first;
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
            var next = stripe.first;
            cell.tableNext = next;
            if (next != null) {
                next.tablePrevious = cell;
            }
            stripe.first = cell;
            if (!cell.adopted) {
                stripe.spawned++;
            }
        }
    }

    /** Unlists {@code cell}, listed by {@link #add}; once only. */
    void remove(ProcessCell cell) {
        var stripe = stripeOf(cell);
        synchronized (stripe) {
            var previous = cell.tablePrevious;
            var next = cell.tableNext;
            if (previous == null) {
                stripe.first = next;
            } else {
                previous.tableNext = next;
            }
            if (next != null) {
                next.tablePrevious = previous;
            }
            // Let go of the neighbours: an ended cell that somebody still holds (through its pid)
            // must not keep live ones reachable, nor they it.
            cell.tablePrevious = null;
            cell.tableNext = null;
            if (!cell.adopted) {
                stripe.spawned--;
            }
        }
    }

    /** The cells listed now, in no particular order. */
    List<ProcessCell> snapshot() {
        var cells = new ArrayList<ProcessCell>();
        for (int i = 0; i < STRIPES; i++) {
            var stripe = stripes[i * SPACING];
            synchronized (stripe) {
                for (var cell = stripe.first; cell != null; cell = cell.tableNext) {
                    cells.add(cell);
                }
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
