package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.AlreadyStarted;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.server.ViaRegistry;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.Strategy;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A local key-value process registry: Elixir's {@code Registry}. Processes register themselves
 * under keys, with a value each; anyone can look keys up; an owner's entries go away when it dies.
 *
 * <pre>{@code
 * var sessions = Registry.<String, String>unique("sessions");
 * var topics = Registry.<String, Object>of("topics", Registry.Keys.DUPLICATE, 8);   // 8 partitions
 * Supervisor.startLink(List.of(sessions.childSpec(), topics.childSpec()));
 *
 * topics.register("campaign:42", null);                       // in the subscriber
 * topics.dispatch("campaign:42", entries -> {                 // in the publisher
 *     for (var entry : entries) entry.pid().send(update);
 * });
 * GenServer.startLink(new Session(), StartOptions.named(Name.via(sessions, "user-7")));
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link Keys#UNIQUE}: a key has at most one entry; registering a key held by a live
 *       process returns {@code AlreadyRegistered(holder)}. {@link Keys#DUPLICATE}: any number of
 *       entries per key, even several from one process.</li>
 *   <li>A process registers only itself ({@link #register} uses the caller), and unregisters only
 *       its own entries.</li>
 *   <li>When an owner dies, its death itself removes its entries (an {@link dev.amanah.otp.ExitHook}
 *       the owner's first registration in a partition attaches), before anyone is told of it.
 *       So once the death is observed (a {@code Down} or {@code Exit} received, a {@code noproc}
 *       answer), no read shows its entries: stronger than Elixir, whose entries "may not propagate
 *       immediately". In the instant between the owner being dead and its clean-up,
 *       {@link #lookup} already hides its entries; {@link #dispatch}, {@link #count} and
 *       {@link #keys} may still show them.</li>
 *   <li>{@link #dispatch} runs the callback in the caller, once per partition holding entries,
 *       over a live read-only view of that partition's entries: nothing is copied.</li>
 * </ul>
 *
 * <h2>Processes</h2>
 * This object is the registry's handle; {@link #startLink()} (or {@link #childSpec()} in a
 * supervision tree) starts its processes: a supervisor registered under the registry's name with
 * one process per partition ({@code one_for_all}, no restarts: if a partition crashes, the whole
 * registry exits {@code shutdown} and its supervisor restarts it empty, as Elixir's does). An owner
 * is linked to the partitions it has entries in, as in Elixir; its death's clean-up removes those
 * links before they fire, so a partition's process does no work when an owner dies. Every
 * operation throws {@link IllegalArgumentException} (Elixir's "unknown registry") while the
 * registry is not running. Being linked to a partition, an owner that does not trap exits dies
 * if the registry crashes; one that traps exits outlives it, and keeps nothing of it: a
 * partition's end takes its clean-up off the owners, so the ended registry's storage is not kept
 * reachable by them, however often the registry restarts. Reads take no lock; registrations lock one key's bin of one partition's map, removals from a
 * duplicate key only now and then (to compact or drop its entries).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Registry<K, V> implements ViaRegistry {

    /** The kind of keys. */
    public enum Keys {
        /** One entry per key. */
        UNIQUE,
        /** Any number of entries per key. */
        DUPLICATE
    }

    private final String name;
    private final Keys keys;
    private final int partitions;
    private final ReentrantLock starting = new ReentrantLock();
    private volatile Table<K, V> table;

    private Registry(String name, Keys keys, int partitions) {
        this.name = Objects.requireNonNull(name, "name");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        this.partitions = partitions;
    }

    /** A unique-key registry with one partition (not started yet). */
    public static <K, V> Registry<K, V> unique(String name) {
        return new Registry<>(name, Keys.UNIQUE, 1);
    }

    /** A duplicate-key registry with one partition (not started yet). */
    public static <K, V> Registry<K, V> duplicate(String name) {
        return new Registry<>(name, Keys.DUPLICATE, 1);
    }

    /**
     * A registry with {@code partitions} partitions (not started yet). More partitions let more
     * owners register and die concurrently; Elixir suggests one per scheduler
     * ({@code Runtime.getRuntime().availableProcessors()}) for busy registries.
     */
    public static <K, V> Registry<K, V> of(String name, Keys keys, int partitions) {
        return new Registry<>(name, keys, partitions);
    }

    /** The name its supervisor is registered under. */
    public String name() {
        return name;
    }

    /** Its kind of keys. */
    public Keys keys() {
        return keys;
    }

    // ---- lifecycle ----

    /**
     * Starts the registry's processes linked to the caller, with empty storage. Returns
     * {@code Error(Term(AlreadyStarted(pid)))} if it runs already (or its name is taken).
     */
    public StartResult startLink() {
        starting.lock();
        try {
            var current = table;
            if (current != null && current.isRunning()) {
                return new StartResult.Error(new AlreadyStarted(current.supervisor).asReason());
            }
            var fresh = new Table<K, V>(keys == Keys.UNIQUE, partitions);
            var children = new ArrayList<ChildSpec>();
            for (int i = 0; i < partitions; i++) {
                int index = i;
                children.add(ChildSpec.worker("partition-" + i,
                        () -> GenServer.startLink(new PartitionServer<>(fresh, index))));
            }
            var result = Supervisor.startLink(children, SupervisorOptions.of(Strategy.ONE_FOR_ALL)
                    .withMaxRestarts(0).withName(name));
            if (result instanceof StartResult.Ok(var pid)) {
                fresh.supervisor = pid;
                table = fresh;
            }
            return result;
        } finally {
            starting.unlock();
        }
    }

    /** Its spec as a child of a supervisor: a supervisor child with the registry's name as id. */
    public ChildSpec childSpec() {
        return ChildSpec.supervisor(name, this::startLink);
    }

    /** Stops the registry's processes (its entries go with them); returns once they have ended. */
    public void stop() {
        Supervisor.stop(running().supervisor);
    }

    private Table<K, V> running() {
        var current = table;
        if (current == null || !current.isRunning()) {
            throw new IllegalArgumentException("unknown registry " + name + ": it is not running");
        }
        return current;
    }

    // ---- writes (by the caller, for itself) ----

    /**
     * Registers the calling process under {@code key} with {@code value}, and links it to the
     * partition that watches it.
     *
     * @return {@code Ok(partition)}, or {@code AlreadyRegistered(holder)} for a unique key held by
     *         a live process (the caller included)
     */
    public RegisterResult register(K key, V value) {
        Objects.requireNonNull(key, "key");
        return running().register(Processes.self(), key, value);
    }

    /** Removes the calling process's entries under {@code key}; nothing if it has none. */
    public void unregister(K key) {
        Objects.requireNonNull(key, "key");
        running().unregister(Processes.self(), key);
    }

    // ---- reads (any process) ----

    /** The entries under {@code key} whose owners are alive: at most one in a unique registry. */
    public List<Entry<K, V>> lookup(K key) {
        Objects.requireNonNull(key, "key");
        return running().lookup(key);
    }

    /**
     * Runs {@code callback} in the caller with the entries under {@code key}: once per partition
     * holding any, over a read-only live view (entries added or removed meanwhile may or may not
     * be seen). Nothing runs if there are none. The callback must not keep the view.
     */
    public void dispatch(K key, Consumer<? super Collection<Entry<K, V>>> callback) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(callback, "callback");
        running().dispatch(key, callback);
    }

    /**
     * {@link #dispatch} for callers that need only the owners (a broadcast): runs {@code callback}
     * in the caller with the pids of the entries under {@code key}, once per entry (a process
     * registered twice appears twice), once per partition holding any, over a read-only live view
     * with the same guarantees. Cheaper than walking the entries: the pids lie in one array.
     */
    public void dispatchPids(K key, Consumer<? super Collection<Pid>> callback) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(callback, "callback");
        running().dispatchPids(key, callback);
    }

    /** The number of entries now. */
    public long count() {
        return running().count.sum();
    }

    /** The keys {@code pid} has registered, once per entry (a key may repeat in a duplicate registry). */
    public List<K> keys(Pid pid) {
        return running().keys(Objects.requireNonNull(pid, "pid"));
    }

    /** Returns once every partition has handled what was in its mailbox when called: for tests. */
    void sync() {
        for (var partition : running().partitions) {
            GenServer.call(partition.pid, new PartitionServer.Sync());
        }
    }

    /** The storage of the running registry, or of the last one if it has ended: for tests. */
    Object storage() {
        return table;
    }

    // ---- via ----

    /**
     * For {@code Name.via(registry, key)}: registers {@code pid}, which must be the caller, under
     * {@code key} with a null value.
     *
     * @throws IllegalStateException    for a duplicate-key registry, which cannot name processes
     * @throws IllegalArgumentException if {@code pid} is not the caller
     */
    @Override
    @SuppressWarnings("unchecked")
    public boolean registerName(Object key, Pid pid) {
        requireUnique();
        if (pid != Processes.self()) {
            throw new IllegalArgumentException("a process registers only itself: " + pid + " is not the caller");
        }
        return register((K) key, null) instanceof RegisterResult.Ok;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void unregisterName(Object key) {
        requireUnique();
        unregister((K) key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Pid> whereisName(Object key) {
        requireUnique();
        var found = lookup((K) key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst().pid());
    }

    private void requireUnique() {
        if (keys != Keys.UNIQUE) {
            throw new IllegalStateException("registry " + name + " has duplicate keys and cannot name processes");
        }
    }

    @Override
    public String toString() {
        return "Registry(" + name + ", " + keys + ", " + partitions + " partitions)";
    }
}
