package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One partition's storage: entries by key and by owner. Written by the owners themselves
 * (register, unregister, from their own process) and, once an owner has died, by the
 * partition's process; read by anyone, without locks.
 *
 * <p>{@code byKey} maps a key to its {@link Entry} in a unique registry and to an
 * {@link EntryList} (registration order) in a duplicate one; lists are written, added and removed
 * only inside {@code compute} for their key, which serializes their writers, and an entry is never
 * added to a list that is being dropped as empty. An entry counts as registered while it
 * is in its owner's {@code byOwner} set: whoever removes it from there (the owner unregistering,
 * the owner noticing it died mid-register, or the partition process) also removes it from
 * {@code byKey}, exactly once.
 */
final class Partition<K, V> {
    final ConcurrentHashMap<K, Object> byKey = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Pid, Set<Entry<K, V>>> byOwner = new ConcurrentHashMap<>();
    volatile Pid pid;
}
