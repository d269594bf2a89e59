package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The entries under one key of one partition of a duplicate-key registry, in registration order,
 * in an array: what a {@code dispatch} walks, once per broadcast, for every subscriber of a topic.
 *
 * <p>Why an array rather than a concurrent set: a broadcast to 10,000 or 100,000 subscribers
 * touches each subscriber's process once, and in a set's hash order those are scattered over the
 * heap, one cache miss after another; in registration order they lie roughly as they were
 * allocated. Walking a concurrent set's nodes cost a PubSub fan-out four to six times the CPU of
 * sending along a list of the same pids, at 100,000 subscribers.
 *
 * <h2>Concurrency</h2>
 * Writers ({@link #add}, {@link #settle}) must be serialized by the caller: {@link Table} calls
 * them only inside {@code byKey.compute} for this list's key, which locks the key's bin. Removal
 * ({@link #remove}) takes no lock, because every subscriber of a topic removes itself from the
 * same list when it dies, and a lock shared by all of them, taken from every core at once, was
 * what a 100,000-subscriber topic's deaths queued on. Readers ({@link #view}, {@link #owners})
 * take no lock. Each entry knows its slot ({@link Entry#slot}), so removal is O(1): it clears the
 * slot, and the walks skip cleared slots. When more than half of the slots are cleared, a writer
 * moves the live entries to a new, compact array, in order ({@link #settle}, asked for by the
 * removal that finds the list sparse or empty; {@link #add} when the array is full).
 *
 * <p>Walks: writers publish the arrays before the end index, and readers read the end index
 * before the arrays, so that a reader never misses an entry that was there, untouched, during its
 * whole walk: entries added or removed during a walk may or may not be seen, and an entry whose
 * removal returned before the walk began is not.
 *
 * <p>Why a lock-free removal never leaves its entry in a published array: an entry is
 * {@code LISTED} once added; its removal first turns it {@code REMOVED} (a CAS, so exactly one
 * removal counts it), then reads {@link #compacting}; a compaction first sets {@link #compacting},
 * then reads each entry's state and copies only the {@code LISTED} ones. All four are volatile
 * accesses, so one of the two sees the other's write (the Dekker pattern): either the compaction
 * sees {@code REMOVED} and leaves the entry out of the new array, or the removal sees the
 * compaction (running, or finished and published, since the flag is cleared only after the new
 * arrays are) and clears the entry's slot in the arrays it then reads, which are the newest or
 * newer ones without the entry; while a compaction runs, the removal waits for the key's lock
 * instead ({@link Removal#SETTLE}) and clears the slot under it, in the arrays the compaction
 * published. Slots are cleared by CAS from the entry, so a stale slot index, or a clear racing
 * with another, touches no other entry; a cleared slot is never reused in the same array (adds
 * append), so the owner at the same index in {@link Slots#pids} is the entry's.
 */
final class EntryList<K, V> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Entry[].class);
    private static final VarHandle PIDS = MethodHandles.arrayElementVarHandle(Pid[].class);
    private static final VarHandle STATE;
    private static final VarHandle LIVE;
    private static final VarHandle COMPACTION_ASKED;
    private static final int INITIAL_CAPACITY = 4;
    /** Below this many slots, a sparse list is not worth a compaction of its own. */
    private static final int COMPACTION_MIN_SLOTS = 64;
    /** An entry's states; 0, its initial one, is "not listed". */
    private static final int LISTED = 1;
    private static final int REMOVED = 2;

    static {
        try {
            var lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Entry.class, "state", int.class);
            LIVE = lookup.findVarHandle(EntryList.class, "live", int.class);
            COMPACTION_ASKED = lookup.findVarHandle(EntryList.class, "compactionAsked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The entries and, at the same indexes, their owners: a walk that needs only the owners
     * ({@link #owners()}, a PubSub broadcast) reads the dense pid array rather than each entry, an
     * object of its own somewhere on the heap. One object, so that a removal never pairs one
     * compaction's entries with another's owners.
     */
    private record Slots<K, V>(Entry<K, V>[] entries, Pid[] pids) {
        @SuppressWarnings("unchecked")
        static <K, V> Slots<K, V> ofCapacity(int capacity) {
            return new Slots<>(new Entry[capacity], new Pid[capacity]);
        }
    }

    /** What a {@link #remove} leaves to its caller. */
    enum Removal {
        /** The entry was not listed here (never added, or removed already): nothing done. */
        NOT_LISTED,
        /** Removed, and nothing left to do. */
        DONE,
        /** Counted as removed; the caller must call {@link #settle} with it, under the key's lock. */
        SETTLE
    }

    private volatile Slots<K, V> slots;
    /** Slots in use, cleared ones included; only {@code slots[0, end)} may hold entries. */
    private volatile int end;
    /** Listed entries; changed atomically (removals take no lock). */
    private volatile int live;
    /** Set by a writer while it compacts: removals then wait for the key's lock. */
    private volatile boolean compacting;
    /** Set by the one removal that asks for a compaction, until a writer settles the list. */
    private volatile boolean compactionAsked;

    EntryList() {
        slots = Slots.ofCapacity(INITIAL_CAPACITY);
    }

    /** Appends {@code entry}, which must not be listed; the caller serializes writers. */
    void add(Entry<K, V> entry) {
        var current = slots;
        int at = end;
        if (at == current.entries().length) {
            int capacity = live * 2 <= at ? at : at * 2;
            current = compact(current, at, capacity);
            at = end;
        }
        entry.slot = at;
        entry.state = LISTED;
        PIDS.setRelease(current.pids(), at, entry.pid());
        SLOTS.setRelease(current.entries(), at, entry);
        LIVE.getAndAdd(this, 1);
        end = at + 1;
    }

    /**
     * Removes {@code entry} if it is listed here, without a lock, from any thread; exactly one of
     * concurrent removals of one entry does. Once it returns {@link Removal#DONE}, or its
     * {@link Removal#SETTLE} is followed by {@link #settle}, no walk that begins shows the entry.
     */
    Removal remove(Entry<K, V> entry) {
        if (!STATE.compareAndSet(entry, LISTED, REMOVED)) {
            return Removal.NOT_LISTED;
        }
        int remaining = (int) LIVE.getAndAdd(this, -1) - 1;
        if (compacting) {
            return Removal.SETTLE; // the compaction may have copied it: clear it after, under the lock
        }
        clear(slots, entry);
        if (remaining == 0) {
            return Removal.SETTLE; // so that the caller drops the list if it stays empty
        }
        if (remaining * 2 < end && end >= COMPACTION_MIN_SLOTS
                && COMPACTION_ASKED.compareAndSet(this, false, true)) {
            return Removal.SETTLE;
        }
        return Removal.DONE;
    }

    /**
     * Finishes a removal that returned {@link Removal#SETTLE}: clears {@code removed}'s slot,
     * compacts the list if it is sparse. Returns whether the list is empty, for the caller to drop.
     * The caller serializes writers.
     */
    boolean settle(Entry<K, V> removed) {
        clear(slots, removed);
        int used = end;
        int remaining = live;
        if (remaining > 0 && remaining * 2 < used && used > INITIAL_CAPACITY) {
            compact(slots, used, Math.max(INITIAL_CAPACITY, remaining * 2));
        }
        compactionAsked = false;
        return remaining == 0;
    }

    /** Whether no entry is listed. */
    boolean isEmpty() {
        return live == 0;
    }

    private static <K, V> void clear(Slots<K, V> current, Entry<K, V> entry) {
        int at = entry.slot;
        if (at >= 0 && at < current.entries().length && SLOTS.compareAndSet(current.entries(), at, entry, null)) {
            PIDS.setVolatile(current.pids(), at, null);
        }
    }

    /**
     * Moves the listed entries of {@code current[0, used)}, in order, to the start of new arrays
     * of {@code capacity} (or more, if more are listed), publishes them and the new end; returns
     * them. The caller serializes writers.
     */
    private Slots<K, V> compact(Slots<K, V> current, int used, int capacity) {
        compacting = true; // before reading any state: see the class comment
        var compact = Slots.<K, V>ofCapacity(Math.max(capacity, live + 1));
        var entries = current.entries();
        int next = 0;
        for (int i = 0; i < used; i++) {
            var entry = entries[i];
            if (entry != null && entry.state == LISTED) {
                entry.slot = next;
                compact.pids()[next] = entry.pid();
                compact.entries()[next++] = entry;
            }
        }
        slots = compact;
        end = next;
        compacting = false; // after publishing: see the class comment
        return compact;
    }

    /**
     * A read-only view for one walk: live, without copying; entries added or removed meanwhile
     * may or may not be seen. Any thread.
     */
    Collection<Entry<K, V>> view() {
        return new View();
    }

    /**
     * A read-only view of the entries' owners, once per entry, in the order and with the
     * guarantees of {@link #view()}. Any thread.
     */
    Collection<Pid> owners() {
        return new Owners();
    }

    private final class Owners extends AbstractCollection<Pid> {
        @Override
        public Iterator<Pid> iterator() {
            int limit = end; // before the array: see the class comment
            var array = slots.pids();
            return new OwnerWalk(array, Math.min(limit, array.length));
        }

        @Override
        public int size() {
            return live;
        }
    }

    private static final class OwnerWalk implements Iterator<Pid> {
        private final Pid[] array;
        private final int limit;
        private int index;
        private Pid next;

        OwnerWalk(Pid[] array, int limit) {
            this.array = array;
            this.limit = limit;
            advance();
        }

        private void advance() {
            next = null;
            while (index < limit && next == null) {
                next = (Pid) PIDS.getAcquire(array, index++);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Pid next() {
            var current = next;
            if (current == null) {
                throw new NoSuchElementException();
            }
            advance();
            return current;
        }
    }

    private final class View extends AbstractCollection<Entry<K, V>> {
        @Override
        public Iterator<Entry<K, V>> iterator() {
            int limit = end; // before the array: see the class comment
            var array = slots.entries();
            return new Walk<>(array, Math.min(limit, array.length));
        }

        @Override
        public int size() {
            return live;
        }
    }

    private static final class Walk<K, V> implements Iterator<Entry<K, V>> {
        private final Entry<K, V>[] array;
        private final int limit;
        private int index;
        private Entry<K, V> next;

        Walk(Entry<K, V>[] array, int limit) {
            this.array = array;
            this.limit = limit;
            advance();
        }

        @SuppressWarnings("unchecked")
        private void advance() {
            next = null;
            while (index < limit && next == null) {
                next = (Entry<K, V>) SLOTS.getAcquire(array, index++);
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Entry<K, V> next() {
            var current = next;
            if (current == null) {
                throw new NoSuchElementException();
            }
            advance();
            return current;
        }
    }
}
