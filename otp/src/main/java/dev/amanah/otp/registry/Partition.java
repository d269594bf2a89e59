package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One partition's storage: entries by key and by owner. Written by the owners themselves
 * (register, unregister, from their own process) and, once an owner has died, by its death's
 * clean-up (see {@link Owned}); read by anyone, without locks.
 *
 * <p>{@code byKey} maps a key to its {@link Entry} in a unique registry and to an
 * {@link EntryList} (registration order) in a duplicate one; lists are added to, compacted, added
 * and dropped only inside {@code compute} for their key, which serializes their writers, and an
 * entry is never added to a list that is being dropped as empty. Entries leave a list without
 * that lock (see {@link EntryList}), which asks for it only to compact or drop the list. An entry counts as registered while it
 * is in its owner's {@link Owned} record in {@code byOwner}: whoever removes it from there (the
 * owner unregistering, the owner's death, or the partition process's fallback) also removes it
 * from {@code byKey}, exactly once, under the record's lock.
 */
final class Partition<K, V> {
    final ConcurrentHashMap<K, Object> byKey = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Pid, Owned<K, V>> byOwner = new ConcurrentHashMap<>();
    volatile Pid pid;
    /** Set once the partition's process has died: the registry has ended, and this storage with it. */
    private volatile boolean ended;

    /**
     * The partition's process died, so the registry has ended: takes every owner's clean-up off
     * the owner, so that an owner that outlives the registry (it traps exits) does not keep this
     * storage reachable. The work is one short lock per owner, as many as the exit signals the
     * death sends to the owners linked to it.
     */
    void end() {
        ended = true;
        // Against an owner registering now, which lists its record, attaches it, then reads ended
        // (discardIfEnded); this writes ended, then walks the records. A full fence between each
        // side's write and read (a record's listing is no volatile write, nor its reading here a
        // volatile read): if the owner reads ended false, this walk finds the record, attached
        // already (its attachment and its lock came before that read, so before this), and
        // discards it; if this finds it not attached yet, or attached and not yet chained to
        // the owner, the owner's read comes after this write, and the owner discards it.
        VarHandle.fullFence();
        for (var owned : byOwner.values()) {
            owned.discard();
        }
    }

    /**
     * Discards {@code owned}, just listed in {@code byOwner} and attached to its owner, if this
     * partition ended meanwhile and {@link #end} may have missed it; returns whether it did.
     */
    boolean discardIfEnded(Owned<K, V> owned) {
        VarHandle.fullFence(); // see end
        return ended && owned.discard();
    }
}
