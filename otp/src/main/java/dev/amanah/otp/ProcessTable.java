package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * {@link #STRIPES} arrays, picked by its id; each stripe is guarded by its own lock.
 *
 * <p>Why an ending process does not take itself out of the array: it ends on one carrier while
 * its spawner, on another, keeps adding to the same stripes. A removal that moved the stripe's
 * last cell into the freed place (as this table did until 5 December 2026) wrote the stripe's lock,
 * its array and a third cell at every end, and the spawner's next add to that stripe found them
 * all on the other core: with the spawner of 100,000 tasks on one carrier and the tasks ending
 * on the other, that traffic was part of what made each spawn three times as slow as on one
 * carrier (a throw-away build without any table ran that workload 1.03-1.40× as fast; this
 * design, with the cell layout of the same day, 1.18×; see
 * {@code bench/results/2026-12-05-task-await-carriers.md}; 1.04× when measured again the next
 * day, in another of the host's spells). Now a
 * process that ends marks its own cell ({@link #remove}); the marked cells are dropped in one
 * pass, under the lock, once the stripe's count of ends reaches half its entries (by whoever
 * makes it so), or when an add finds the array full. A listing skips them.
 *
 * <p>Why one end in {@link #COUNT_SAMPLE} is counted, for that many: the count sits on a cache
 * line of its own, away from the lock and the array that the spawner writes, but the ending
 * processes run on every carrier, so each atomic add found that line on another core. Counting a
 * sample made a spawn of bare processes 1.02-1.08× as fast and {@code task_await} 1.03-1.06×
 * (four and three runs, in one JVM, of 120-150 rounds each, 6 December 2026); ends that only
 * marked their cell, counting nothing, did no better beyond the noise. Which ends count is
 * decided by a multiplicative hash of the pid's number: within a stripe, whose numbers step by
 * {@link #STRIPES}, the counted ones are spread evenly, never more than {@link #COUNT_SAMPLE}
 * uncounted in a row. So, when processes end in about the order they started, a stripe holds
 * about as many ended processes as half its entries at most, and about {@link #COUNT_SAMPLE} once
 * all have ended; in any order, no more than its array holds, which an add sweeps when full and
 * grows only if over half of it is alive. The cost of the passes, spread over the ends that
 * trigger them, is constant per process.
 *
 * <p>Thread-safe. A listing is a snapshot per stripe, each exact at the instant its lock was
 * held up to the processes ending at that instant; the whole is not atomic (a process may start
 * or end between two stripes), as a listing of running processes cannot be anyway.
 */
final class ProcessTable {
    /** A power of two, to pick a stripe with a mask; a few times the carriers of a large machine. */
    private static final int STRIPES = 64;
    /** One stripe in every {@code SPACING} slots of the array, so that two stripes' locks do not share a cache line. */
    private static final int SPACING = 8;
    /** Ints between two stripes' counts in {@link #unlisted}: 64 bytes, one cache line each. */
    private static final int COUNT_SPACING = 16;
    private static final int INITIAL_CAPACITY = 16;
    /**
     * A stripe's array is not shrunk below this many slots (256 bytes; 16 KB for the whole
     * table). Without a floor, a stripe that fills and empties again with each burst of short
     * processes grew and shrank its array at every burst: an owner of tasks, which then yielded
     * every {@link ProcessCell#SLICE} spawns while about 33 of its tasks were listed per stripe, made
     * 3,150 arrays and as many copies on its own spawn path, and the ending tasks as many again,
     * per 100,000 tasks (counted in a throw-away build, 5 December 2026).
     */
    private static final int SHRINK_FLOOR = 64;
    /** Unlisted cells below which a stripe is not swept, however few its entries. */
    static final int MIN_DROP = 8;
    /** One ending process in this many is counted, for this many; a power of two. */
    static final int COUNT_SAMPLE = 8;
    /** Fibonacci hashing's multiplier, 2^64 divided by the golden ratio: spreads consecutive numbers evenly. */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(int[].class);

    private final Stripe[] stripes = new Stripe[STRIPES * SPACING];
    /**
     * Per stripe, at {@code index * COUNT_SPACING}: the ends counted since its last pass began, an
     * estimate of its cells marked unlisted and not yet dropped (atomic adds by the counted ending
     * processes, without the lock); at {@code + 1}, the count at which to drop them (written under
     * the stripe's lock, read by the ending processes).
     */
    private final int[] unlisted = new int[STRIPES * COUNT_SPACING];

    /** One array of cells, {@code cells[0, size)}: the listed ones and the unlisted ones not yet dropped. */
    private static final class Stripe {
        // Guarded by this.
        private ProcessCell[] cells = new ProcessCell[INITIAL_CAPACITY];
        private int size;
    }

    ProcessTable() {
        // Allocated one after another, each padded by the unused ones between, which the JVM keeps
        // adjacent in a fresh heap: a simple stand-in for @Contended, which needs a JVM flag.
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe();
        }
        for (int i = 0; i < STRIPES; i++) {
            unlisted[i * COUNT_SPACING + 1] = MIN_DROP;
        }
    }

    private static int indexOf(ProcessCell cell) {
        return (int) (cell.pid.id() & (STRIPES - 1));
    }

    /** Lists {@code cell}, not listed yet, until {@link #remove}. */
    void add(ProcessCell cell) {
        int index = indexOf(cell);
        var stripe = stripes[index * SPACING];
        synchronized (stripe) {
            if (stripe.size == stripe.cells.length) {
                dropUnlisted(stripe, index);
                if (stripe.size > stripe.cells.length / 2) {
                    stripe.cells = Arrays.copyOf(stripe.cells, stripe.cells.length * 2);
                }
                setDropAt(stripe, index);
            }
            stripe.cells[stripe.size++] = cell;
        }
    }

    /**
     * Unlists {@code cell}, listed by {@link #add}; once only. Marks the cell and, if it is one of
     * the {@linkplain #counted counted} ones, adds {@link #COUNT_SAMPLE} to its stripe's count,
     * without the lock; the cell is dropped from the array later, with others.
     */
    void remove(ProcessCell cell) {
        cell.markUnlisted();
        if (!counted(cell.pid.id())) {
            return;
        }
        int index = indexOf(cell);
        int count = (int) COUNT.getAndAdd(unlisted, index * COUNT_SPACING, COUNT_SAMPLE) + COUNT_SAMPLE;
        if (count >= dropAt(index)) {
            var stripe = stripes[index * SPACING];
            synchronized (stripe) {
                // Those counted with this one may have swept it meanwhile.
                if ((int) COUNT.getVolatile(unlisted, index * COUNT_SPACING) >= dropAt(index)) {
                    dropUnlisted(stripe, index);
                    setDropAt(stripe, index);
                }
            }
        }
    }

    /**
     * Whether the end of the process numbered {@code id} is counted: one in {@link #COUNT_SAMPLE},
     * by the top bits of the number's hash.
     */
    static boolean counted(long id) {
        return (id * SPREAD) >>> (Long.SIZE - Integer.numberOfTrailingZeros(COUNT_SAMPLE)) == 0;
    }

    /**
     * Removes the unlisted cells from {@code stripe}'s array, keeping the others in their order,
     * and gives back what a burst of processes grew, with slack, down to {@link #SHRINK_FLOOR};
     * caller holds the stripe's lock. The stripe's count loses what it held as the pass began:
     * an estimate is reset, not corrected, so its error does not build up. A cell marked after
     * the pass read it stays for the next pass.
     */
    private void dropUnlisted(Stripe stripe, int index) {
        int countedBefore = (int) COUNT.getVolatile(unlisted, index * COUNT_SPACING);
        var cells = stripe.cells;
        int kept = 0;
        for (int i = 0; i < stripe.size; i++) {
            var cell = cells[i];
            if (!cell.isUnlisted()) {
                cells[kept++] = cell;
            }
        }
        Arrays.fill(cells, kept, stripe.size, null); // an ended cell that somebody still holds must not be kept reachable
        stripe.size = kept;
        COUNT.getAndAdd(unlisted, index * COUNT_SPACING, -countedBefore);
        int fitting = Math.max(SHRINK_FLOOR, Integer.highestOneBit(Math.max(kept, 1)) * 4);
        if (fitting < cells.length) {
            stripe.cells = Arrays.copyOf(cells, fitting);
        }
    }

    private int dropAt(int index) {
        return (int) COUNT.getOpaque(unlisted, index * COUNT_SPACING + 1);
    }

    /** Sets the unlisted count that makes the next pass over {@code stripe}: half its entries; caller holds its lock. */
    private void setDropAt(Stripe stripe, int index) {
        COUNT.setOpaque(unlisted, index * COUNT_SPACING + 1, Math.max(MIN_DROP, stripe.size / 2));
    }

    /** The cells listed now, in no particular order. */
    List<ProcessCell> snapshot() {
        var cells = new ArrayList<ProcessCell>();
        for (int i = 0; i < STRIPES; i++) {
            var stripe = stripes[i * SPACING];
            synchronized (stripe) {
                for (int j = 0; j < stripe.size; j++) {
                    var cell = stripe.cells[j];
                    if (!cell.isUnlisted()) {
                        cells.add(cell);
                    }
                }
            }
        }
        return cells;
    }

    /** Spawned processes whose thread has started and not yet ended; adopted threads not counted. O(n). */
    long spawnedRunning() {
        return snapshot().stream().filter(cell -> !cell.adopted).count();
    }

    /** Cells held in the stripes' arrays, listed or not yet dropped; for tests of what the table keeps. */
    int held() {
        int held = 0;
        for (int i = 0; i < STRIPES; i++) {
            var stripe = stripes[i * SPACING];
            synchronized (stripe) {
                held += stripe.size;
            }
        }
        return held;
    }
}
