package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
        // Link first: from then on the partition hears of the owner's death.
        Processes.link(partitionPid);
        var entry = new Entry<>(self, key, value);
        if (unique) {
            for (;;) {
                var holder = (Entry<?, ?>) partition.byKey.putIfAbsent(key, entry);
                if (holder == null) {
                    break;
                }
                if (holder.pid().isAlive()) {
                    unlinkIfIdle(partition, self);
                    return new RegisterResult.AlreadyRegistered(holder.pid());
                }
                // Its owner died and the partition has not cleaned up yet: the key is free.
                partition.byKey.remove(key, holder);
            }
        } else {
            partition.byKey.compute(key, (k, entries) -> {
                @SuppressWarnings("unchecked")
                var list = entries == null ? new EntryList<K, V>() : (EntryList<K, V>) entries;
                list.add(entry);
                return list;
            });
        }
        partition.byOwner.computeIfAbsent(self, pid -> ConcurrentHashMap.newKeySet()).add(entry);
        count.increment();
        if (!self.isAlive()) {
            // Killed while registering, perhaps after the partition cleaned up for it: undo.
            removeOwner(partition, self);
        }
        return new RegisterResult.Ok(partitionPid);
    }

    void unregister(Pid self, K key) {
        var partition = partitionOf(unique ? key : self);
        var owned = partition.byOwner.get(self);
        if (owned == null) {
            return;
        }
        for (var entry : owned) {
            if (entry.key().equals(key)) {
                remove(partition, owned, entry);
            }
        }
        unlinkIfIdle(partition, self);
    }

    private void unlinkIfIdle(Partition<K, V> partition, Pid self) {
        var owned = partition.byOwner.get(self);
        if (owned == null || owned.isEmpty()) {
            partition.byOwner.remove(self);
            Processes.unlink(partition.pid);
        }
    }

    /** Removes every entry of {@code owner} in {@code partition}: it died. */
    void removeOwner(Partition<K, V> partition, Pid owner) {
        var owned = partition.byOwner.remove(owner);
        if (owned != null) {
            for (var entry : owned) {
                remove(partition, owned, entry);
            }
        }
    }

    private void remove(Partition<K, V> partition, Set<Entry<K, V>> owned, Entry<K, V> entry) {
        if (!owned.remove(entry)) {
            return; // someone else removed it
        }
        if (unique) {
            partition.byKey.remove(entry.key(), entry);
        } else {
            partition.byKey.computeIfPresent(entry.key(), (k, entries) -> {
                @SuppressWarnings("unchecked")
                var list = (EntryList<K, V>) entries;
                list.remove(entry);
                return list.isEmpty() ? null : list;
            });
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

    List<K> keys(Pid pid) {
        var keys = new ArrayList<K>();
        for (var partition : partitions) {
            var owned = partition.byOwner.get(pid);
            if (owned != null) {
                for (var entry : owned) {
                    keys.add(entry.key());
                }
            }
        }
        return keys;
    }
}
