package dev.amanah.otp.registry;

import dev.amanah.otp.ExitHook;
import dev.amanah.otp.Pid;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One owner's entries in one partition, and the clean-up its death runs: attached to the owner as
 * an {@link ExitHook}, it removes the entries and the owner's link to the partition before anyone
 * hears of the death, so the partition's process is not sent the exit signal and does no work.
 * If the partition ends first (the registry stopped or restarted under an owner that traps
 * exits), it is discarded from the owner (see {@link Partition#end}), so that the owner does not
 * keep the ended registry's storage reachable.
 *
 * <p>Locking: every change of the entries (the owner registering or unregistering, its death, the
 * partition's fallback clean-up) happens under this object's lock, which is taken before the
 * lock of a key's bin in the partition's map, never after. Once {@link #close closed}, no entry
 * is added: so an owner killed while registering either registers before its death's clean-up,
 * which then removes the entry, or not at all.
 */
final class Owned<K, V> extends ExitHook {
    private final Table<K, V> table;
    private final Partition<K, V> partition;
    /** Guarded by this. */
    private final List<Entry<K, V>> entries = new ArrayList<>(2);
    /** Guarded by this: set once the owner is dead and its entries removed. */
    private boolean closed;

    Owned(Table<K, V> table, Partition<K, V> partition) {
        this.table = table;
        this.partition = partition;
    }

    /**
     * Adds {@code entry} through {@code insert}, which puts it under its key and returns false if
     * the key is taken; false, and nothing added, if the key is taken or the owner is dead.
     */
    synchronized boolean add(Entry<K, V> entry, Predicate<Entry<K, V>> insert) {
        if (closed || !insert.test(entry)) {
            return false;
        }
        entries.add(entry);
        table.count.increment();
        return true;
    }

    /** Removes the entries under {@code key}; returns whether none is left. */
    synchronized boolean removeKey(K key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            var entry = entries.get(i);
            if (entry.key().equals(key)) {
                entries.remove(i);
                table.removeFromKey(partition, entry);
            }
        }
        return entries.isEmpty();
    }

    /** Whether it holds no entry. */
    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Adds its entries' keys to {@code keys}. */
    synchronized void addKeysTo(List<K> keys) {
        for (var entry : entries) {
            keys.add(entry.key());
        }
    }

    /** Removes every entry, and lets no more in: the owner died. */
    synchronized void close() {
        closed = true;
        for (var entry : entries) {
            table.removeFromKey(partition, entry);
        }
        entries.clear();
    }

    @Override
    protected void exited(Pid pid) {
        close();
        partition.byOwner.remove(pid, this);
        var partitionPid = partition.pid;
        if (partitionPid != null) {
            unlinkDead(pid, partitionPid);
        }
    }
}
