package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;

/**
 * One registration: the process that registered, the key and the value it gave (Elixir's
 * {@code {pid, value}}).
 *
 * <p>Equality is identity, not by component: in a duplicate-key registry, one process may
 * register the same key with the same value twice, and those are two entries.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Entry<K, V> {
    private final Pid pid;
    private final K key;
    private final V value;
    /**
     * Its slot in its key's {@link EntryList} (duplicate registries), or -1; written only by the
     * list's writers, who hold the key's lock, before they publish the array it indexes.
     */
    int slot = -1;
    /** Where it is in its {@link EntryList}'s life: see {@link EntryList}'s states; atomic. */
    volatile int state;

    Entry(Pid pid, K key, V value) {
        this.pid = pid;
        this.key = key;
        this.value = value;
    }

    /** The process that registered this entry (its owner). */
    public Pid pid() {
        return pid;
    }

    /** The key. */
    public K key() {
        return key;
    }

    /** The value the owner registered with the key; may be null. */
    public V value() {
        return value;
    }

    @Override
    public String toString() {
        return "{" + pid + ", " + value + "}";
    }
}
