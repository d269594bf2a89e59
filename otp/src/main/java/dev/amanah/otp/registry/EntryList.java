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
 * Writers ({@link #add}, {@link #remove}) must be serialized by the caller: {@link Table} calls them
 * only inside {@code byKey.compute} for this list's key, which locks the key's bin. Readers
 * ({@link #view}) take no lock. A removed entry's slot is cleared, and when more than half of the
 * slots are cleared the live entries move to a new, compact array, in order. Writers publish the
 * array before the end index, and readers read the end index before the array, so that a reader
 * never misses an entry that was there, untouched, during its whole walk: entries added or removed
 * during a walk may or may not be seen, and an entry removed before the walk began is not.
 * Each entry knows its slot ({@link Entry#slot}), so removal is O(1).
 */
final class EntryList<K, V> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Entry[].class);
    private static final VarHandle PIDS = MethodHandles.arrayElementVarHandle(Pid[].class);
    private static final int INITIAL_CAPACITY = 4;

    private volatile Entry<K, V>[] slots;
    /**
     * The owner of the entry in each slot, in an array of its own, kept as {@link #slots} is: a
     * walk that needs only the owners ({@link #owners()}, a PubSub broadcast) reads this dense
     * array rather than each entry, an object of its own somewhere on the heap.
     */
    private volatile Pid[] pids;
    /** Slots in use, cleared ones included; only {@code slots[0, end)} may hold entries. */
    private volatile int end;
    /** Live entries; writers only (readers use {@link View#size()}, which reads it once). */
    private volatile int live;

    @SuppressWarnings("unchecked")
    EntryList() {
        slots = new Entry[INITIAL_CAPACITY];
        pids = new Pid[INITIAL_CAPACITY];
    }

    /** Appends {@code entry}; the caller serializes writers. */
    void add(Entry<K, V> entry) {
        var array = slots;
        var owners = pids;
        int at = end;
        if (at == array.length) {
            int capacity = live * 2 <= at ? array.length : at * 2;
            owners = new Pid[Math.max(capacity, live + 1)];
            array = compacted(array, at, owners);
            at = live;
            pids = owners;
            slots = array;
        }
        entry.slot = at;
        PIDS.setRelease(owners, at, entry.pid());
        SLOTS.setRelease(array, at, entry);
        live++;
        end = at + 1;
    }

    /** Removes {@code entry} if it is here; the caller serializes writers. Returns whether it was. */
    boolean remove(Entry<K, V> entry) {
        var array = slots;
        int at = entry.slot;
        if (at < 0 || at >= end || array[at] != entry) {
            return false;
        }
        SLOTS.setVolatile(array, at, null);
        PIDS.setVolatile(pids, at, null);
        entry.slot = -1;
        int remaining = --live;
        int used = end;
        if (remaining > 0 && remaining * 2 < used && used > INITIAL_CAPACITY) {
            var owners = new Pid[Math.max(INITIAL_CAPACITY, remaining * 2)];
            var compact = compacted(array, used, owners);
            pids = owners;
            slots = compact;
            end = remaining;
        }
        return true;
    }

    /** Whether no entry is left; the caller serializes writers. */
    boolean isEmpty() {
        return live == 0;
    }

    /**
     * The live entries of {@code array[0, used)} in order, at the start of a new array as long as
     * {@code owners}, their slots updated, and their owners in {@code owners}, at the same indexes.
     */
    private Entry<K, V>[] compacted(Entry<K, V>[] array, int used, Pid[] owners) {
        @SuppressWarnings("unchecked")
        Entry<K, V>[] compact = new Entry[owners.length];
        int next = 0;
        for (int i = 0; i < used; i++) {
            var entry = array[i];
            if (entry != null) {
                entry.slot = next;
                owners[next] = entry.pid();
                compact[next++] = entry;
            }
        }
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
            var array = pids;
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
            var array = slots;
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
