package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process table: every process whose thread has not yet returned (spawned) or ended
 * (adopted), found by its id; what {@link Processes#list()} and {@link Processes#runningThreads()}
 * read.
 *
 * <h2>Why not a concurrent map</h2>
 * A short task used to cost a {@code ConcurrentHashMap} insertion by its parent and a removal by
 * its own thread as it ended: a hash, a node allocated, a table that grows (and is copied) as a
 * burst of tasks starts, and a size counter written by both threads. With a hundred thousand
 * tasks started in a row, that insertion was a fifth of the parent's time. Ids are handed out in
 * sequence and never reused, so here the id is the index: the table is cut into segments of
 * {@value #SEGMENT_SIZE} consecutive ids, each an array of cells, and a process is added by one
 * store into its slot and removed by storing null there. A parent starting many processes writes
 * consecutive slots; nothing is allocated per process, and nothing is hashed.
 *
 * <h2>Releasing segments</h2>
 * Each id is released exactly once: when its process's thread ends ({@link #remove}), or, for an
 * id given to a process that never started, by {@link #discard}. A segment counts the ids it has
 * yet to release and is dropped when the count reaches zero. Only the ending threads write the
 * count, never the parent that adds. A segment is kept while any of its ids is in use, so a
 * long-lived process holds its segment (a few kilobytes); the trade is accepted because most
 * processes of one segment were started together and end together.
 *
 * <h2>Concurrency</h2>
 * Thread-safe. A slot is written only by the thread that adds its process (before that process
 * starts) and by the one that removes it (after its thread is done), each with a release store;
 * readers load with acquire and see either null or a fully built cell. A reader walking the table
 * sees each slot at some moment of the walk: it is not a snapshot, as the map it replaces was not.
 */
final class ProcessTable {
    private static final int SEGMENT_BITS = 12;
    static final int SEGMENT_SIZE = 1 << SEGMENT_BITS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(ProcessCell[].class);

    /** The segments that hold an id not yet released, by {@code id >>> SEGMENT_BITS}. */
    private final ConcurrentHashMap<Long, Segment> segments = new ConcurrentHashMap<>();
    /** The segment of the last id added, where the next one most likely goes; only a cache. */
    private volatile Segment latest;

    /**
     * A table whose ids start at {@code firstId}: the ids below it are never used, and count as
     * released already.
     */
    ProcessTable(long firstId) {
        long first = firstId & ~(SEGMENT_SIZE - 1L);
        for (long id = first; id < firstId; id++) {
            discard(id);
        }
    }

    /** One segment: the cells of ids {@code base} to {@code base + SEGMENT_SIZE - 1}. */
    static final class Segment {
        private static final VarHandle UNRELEASED;

        static {
            try {
                UNRELEASED = MethodHandles.lookup().findVarHandle(Segment.class, "unreleased", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long key;
        final long base;
        final ProcessCell[] slots = new ProcessCell[SEGMENT_SIZE];
        /** Ids of this segment not yet released; written only by releasing threads. */
        private volatile int unreleased = SEGMENT_SIZE;

        Segment(long key) {
            this.key = key;
            this.base = key << SEGMENT_BITS;
        }

        boolean covers(long id) {
            return id - base >= 0 && id - base < SEGMENT_SIZE;
        }

        /** Counts one id released; true if it was the last. */
        boolean release() {
            return (int) UNRELEASED.getAndAdd(this, -1) == 1;
        }
    }

    /**
     * Lists {@code cell}, whose id must not have been added nor released before, and returns its
     * segment, to pass to {@link #remove(ProcessCell, Segment)} when its thread ends.
     */
    Segment add(ProcessCell cell) {
        long id = cell.pid.id();
        var segment = segmentOf(id);
        SLOT.setRelease(segment.slots, (int) (id - segment.base), cell);
        return segment;
    }

    /** Unlists {@code cell}, added with {@link #add} into {@code segment}, and releases its id. */
    void remove(ProcessCell cell, Segment segment) {
        long id = cell.pid.id();
        SLOT.setRelease(segment.slots, (int) (id - segment.base), (ProcessCell) null);
        release(segment);
    }

    /** {@link #remove(ProcessCell, Segment)} for a caller that did not keep the segment. */
    void remove(ProcessCell cell) {
        remove(cell, segmentOf(cell.pid.id()));
    }

    /** Releases an id that was handed out but will never be added (its process never started). */
    void discard(long id) {
        release(segmentOf(id));
    }

    private void release(Segment segment) {
        if (segment.release()) {
            segments.remove(segment.key, segment);
        }
    }

    /**
     * The segment of {@code id}, made if needed. While an id is unreleased its segment stays in
     * the map, so this finds the one segment of every id in use.
     */
    private Segment segmentOf(long id) {
        var segment = latest;
        if (segment != null && segment.covers(id)) {
            return segment;
        }
        segment = segments.computeIfAbsent(id >>> SEGMENT_BITS, Segment::new);
        var last = latest;
        if (last == null || last.base < segment.base) {
            latest = segment; // a race may leave an older one: only the cache is worse for it
        }
        return segment;
    }

    /** How many segments are held now; for tests. */
    int segmentCount() {
        return segments.size();
    }

    /** The processes listed now, in no particular order; see the class comment for consistency. */
    List<ProcessCell> cells() {
        var cells = new ArrayList<ProcessCell>();
        for (var segment : segments.values()) {
            for (int i = 0; i < SEGMENT_SIZE; i++) {
                var cell = (ProcessCell) SLOT.getAcquire(segment.slots, i);
                if (cell != null) {
                    cells.add(cell);
                }
            }
        }
        return cells;
    }
}
