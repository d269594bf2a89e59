package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The storage of one running registry: its partitions, like Elixir's ETS tables, alive as long as
 * the registry's supervisor is. A unique registry partitions by key, a duplicate one by owner (so
 * that one process's registrations stay in one partition, as in Elixir).
 */
final class Table<K, V> {
    final boolean unique;
    final Partition<K, V>[] partitions;
    final LongAdder count = new LongAdder();
    volatile Pid supervisor;

    @SuppressWarnings("unchecked")
    Table(boolean unique, int partitions) {
        this.unique = unique;
        this.partitions = new Partition[partitions];
        for (int i = 0; i < partitions; i++) {
            this.partitions[i] = new Partition<>();
        }
    }

    boolean isRunning() {
        var pid = supervisor;
        return pid != null && pid.isAlive();
    }

    private Partition<K, V> partitionOf(Object hashed) {
        if (partitions.length == 1) {
            return partitions[0];
        }
        int h = hashed.hashCode();
        return partitions[Math.floorMod(h ^ (h >>> 16), partitions.length)];
    }

    RegisterResult register(Pid self, K key, V value) {
        var partition = partitionOf(unique ? key : self);
        var partitionPid = partition.pid;
        // Link first: from then on the partition hears of the owner's death, whatever happens.
        Processes.link(partitionPid);
        var owned = partition.byOwner.get(self);
        if (owned == null) {
            // Only the owner adds its own: no other thread makes one for it meanwhile. Listed
            // before it is attached, so that the hook, once attached, finds it to remove.
            owned = new Owned<>(this, partition);
            partition.byOwner.put(self, owned);
            if (!owned.attach()) {
                partition.byOwner.remove(self, owned);
                return new RegisterResult.Ok(partitionPid); // dying: its code stops at its next call
            }
            // The registry ended meanwhile: the entry goes into storage nobody reads, and the
            // owner (linked to the dead partition) gets its exit signal; only the hook must not stay.
            partition.discardIfEnded(owned);
        }
        var entry = new Entry<>(self, key, value);
        if (unique) {
            var holder = new Pid[1];
            if (!owned.add(entry, fresh -> claimKey(partition, fresh, holder))) {
                if (holder[0] != null) {
                    unlinkIfIdle(partition, self, owned);
                    return new RegisterResult.AlreadyRegistered(holder[0]);
                }
            }
        } else {
            owned.add(entry, fresh -> {
                partition.byKey.compute(fresh.key(), (k, entries) -> {
                    @SuppressWarnings("unchecked")
                    var list = entries == null ? new EntryList<K, V>() : (EntryList<K, V>) entries;
                    list.add(fresh);
                    return list;
                });
                return true;
            });
        }
        return new RegisterResult.Ok(partitionPid);
    }

    /** Puts {@code entry} under its unique key unless a live process holds it, then named in {@code holder}. */
    private boolean claimKey(Partition<K, V> partition, Entry<K, V> entry, Pid[] holder) {
        for (;;) {
            var current = (Entry<?, ?>) partition.byKey.putIfAbsent(entry.key(), entry);
            if (current == null) {
                return true;
            }
            if (current.pid().isAlive()) {
                holder[0] = current.pid();
                return false;
            }
            // Its owner is dying and its clean-up has not reached this key yet: the key is free.
            partition.byKey.remove(entry.key(), current);
        }
    }

    void unregister(Pid self, K key) {
        var partition = partitionOf(unique ? key : self);
        var owned = partition.byOwner.get(self);
        if (owned != null) {
            owned.removeKey(key);
            unlinkIfIdle(partition, self, owned);
        }
    }

    /** Drops the owner's record and link in {@code partition} if it has no entry left there. */
    private void unlinkIfIdle(Partition<K, V> partition, Pid self, Owned<K, V> owned) {
        if (owned.isEmpty() && owned.detach()) {
            partition.byOwner.remove(self, owned);
            Processes.unlink(partition.pid);
        }
    }

    /**
     * Removes every entry of {@code owner} in {@code partition}: it died. Its exit hook does this
     * first, before the death is announced; this is the partition process's fallback, for an
     * exit signal that reaches it all the same.
     */
    void removeOwner(Partition<K, V> partition, Pid owner) {
        var owned = partition.byOwner.remove(owner);
        if (owned != null) {
            owned.close();
        }
    }

    /** Removes {@code entry}, just taken from its owner's record, from under its key. */
    void removeFromKey(Partition<K, V> partition, Entry<K, V> entry) {
        if (unique) {
            partition.byKey.remove(entry.key(), entry);
        } else {
            // No lock unless the list asks for one: every subscriber of a topic removes itself from
            // the same list, and its key's bin lock was where their deaths queued.
            @SuppressWarnings("unchecked")
            var list = (EntryList<K, V>) partition.byKey.get(entry.key());
            // The entry's list is there: a list is dropped only once empty, and it is not removed yet.
            if (list != null && list.remove(entry) == EntryList.Removal.SETTLE) {
                partition.byKey.compute(entry.key(), (k, entries) -> {
                    boolean empty = list.settle(entry);
                    // Dropped and replaced meanwhile (emptied by others): the new list is not this one's.
                    return entries == list && empty ? null : entries;
                });
            }
        }
        count.decrement();
    }

    @SuppressWarnings("unchecked")
    List<Entry<K, V>> lookup(K key) {
        if (unique) {
            var entry = (Entry<K, V>) partitionOf(key).byKey.get(key);
            return entry != null && entry.pid().isAlive() ? List.of(entry) : List.of();
        }
        var found = new ArrayList<Entry<K, V>>();
        for (var partition : partitions) {
            var entries = (EntryList<K, V>) partition.byKey.get(key);
            if (entries != null) {
                for (var entry : entries.view()) {
                    if (entry.pid().isAlive()) {
                        found.add(entry);
                    }
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    void dispatch(K key, Consumer<? super Collection<Entry<K, V>>> callback) {
        if (unique) {
            var found = lookup(key);
            if (!found.isEmpty()) {
                callback.accept(found);
            }
            return;
        }
        for (var partition : partitions) {
            var entries = (EntryList<K, V>) partition.byKey.get(key);
            if (entries != null) {
                var view = entries.view();
                if (!view.isEmpty()) {
                    callback.accept(view);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    void dispatchPids(K key, Consumer<? super Collection<Pid>> callback) {
        if (unique) {
            var found = lookup(key);
            if (!found.isEmpty()) {
                callback.accept(List.of(found.getFirst().pid()));
            }
            return;
        }
        for (var partition : partitions) {
            var entries = (EntryList<K, V>) partition.byKey.get(key);
            if (entries != null) {
                var owners = entries.owners();
                if (!owners.isEmpty()) {
                    callback.accept(owners);
                }
            }
        }
    }

    List<K> keys(Pid pid) {
        var keys = new ArrayList<K>();
        for (var partition : partitions) {
            var owned = partition.byOwner.get(pid);
            if (owned != null) {
                owned.addKeysTo(keys);
            }
        }
        return keys;
    }
}
