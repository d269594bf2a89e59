package dev.amanah.otp.pubsub;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.registry.Registry;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.Strategy;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Topic-based publish/subscribe between processes: Phoenix.PubSub on a duplicate-key
 * {@link Registry}.
 *
 * <pre>{@code
 * var notifications = PubSub.of("notifications");
 * Supervisor.startLink(List.of(notifications.childSpec()));     // or notifications.startLink()
 *
 * notifications.subscribe("campaign:42");                          // in each listener
 * notifications.broadcast("campaign:42", new DonationReceived(donation));
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>{@link #subscribe} registers the calling process under a topic; subscribing twice means
 *       receiving each message twice, as in Phoenix. A subscriber that dies is removed
 *       automatically, by its death itself, before anyone is told of that death.</li>
 *   <li>{@link #broadcast} sends the message itself (no envelope) to every subscriber of the
 *       topic, in the caller, without copying the subscriber list; {@link #broadcastFrom} skips
 *       one process, usually the sender. Sending never blocks and never fails, so one slow or dead
 *       subscriber does not hold the others back. Messages from one broadcaster to one subscriber
 *       arrive in order; there is no order between different broadcasters.</li>
 *   <li>Fairness: a broadcaster keeps its carrier for a time slice, not for a number of sends:
 *       it yields once 100 ms have passed and it has sent eight broadcasts' worth of messages since
 *       its previous yield, so a process that broadcasts in a loop cannot starve others, while
 *       the subscribers it wakes find several events queued and take them in one wake-up (see
 *       {@code BroadcastSlice}).</li>
 *   <li>Subscriptions are spread over the registry's partitions by subscriber, so many processes
 *       can subscribe, unsubscribe and die concurrently; a broadcast visits the partitions in
 *       turn.</li>
 *   <li>The {@link PubSubAdapter} forwards broadcasts to other nodes ({@link PubSubAdapter#LOCAL}
 *       by default: none). {@link #localBroadcast} serves this node only.</li>
 * </ul>
 *
 * <h2>Processes</h2>
 * This object is a handle; {@link #startLink()} or {@link #childSpec()} starts a supervisor
 * registered as {@code name + ".Supervisor"} running the registry (registered as {@code name})
 * and the adapter's processes, rest for one. Subscribers are linked to the registry's partitions:
 * one that does not trap exits dies if the PubSub crashes, as in Phoenix. Every operation throws
 * {@link IllegalArgumentException} while the PubSub is not running.
 */
public final class PubSub {
    private final String name;
    private final Registry<String, Object> registry;
    private final PubSubAdapter adapter;

    private PubSub(String name, int partitions, PubSubAdapter adapter) {
        this.name = Objects.requireNonNull(name, "name");
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.registry = Registry.of(name, Registry.Keys.DUPLICATE, partitions);
    }

    /**
     * A single-node PubSub (not started yet) with Phoenix's default partitions: a quarter of the
     * processors, at least one.
     */
    public static PubSub of(String name) {
        return new PubSub(name, Math.max(1, (Runtime.getRuntime().availableProcessors() + 3) / 4), PubSubAdapter.LOCAL);
    }

    /** A PubSub with {@code partitions} registry partitions and an adapter (not started yet). */
    public static PubSub of(String name, int partitions, PubSubAdapter adapter) {
        return new PubSub(name, partitions, adapter);
    }

    /** Its name (its registry's). */
    public String name() {
        return name;
    }

    /** Its adapter. */
    public PubSubAdapter adapter() {
        return adapter;
    }

    // ---- lifecycle ----

    /**
     * Starts the PubSub's supervisor linked to the caller. Returns
     * {@code Error(Term(AlreadyStarted(pid)))} if it is running already.
     */
    public StartResult startLink() {
        var children = new ArrayList<ChildSpec>();
        children.add(registry.childSpec());
        children.addAll(adapter.childSpecs(this));
        return Supervisor.startLink(children,
                SupervisorOptions.of(Strategy.REST_FOR_ONE).withName(supervisorName()));
    }

    /** Its spec as a supervisor's child (a supervisor, id = name). */
    public ChildSpec childSpec() {
        return ChildSpec.supervisor(name, this::startLink);
    }

    /** Stops the PubSub; its subscriptions go with it. Returns once it has ended. */
    public void stop() {
        Supervisor.stop(Processes.whereis(supervisorName()).orElseThrow(
                () -> new IllegalArgumentException("unknown PubSub " + name + ": it is not running")));
    }

    private String supervisorName() {
        return name + ".Supervisor";
    }

    // ---- subscriptions (by the caller, for itself) ----

    /** Subscribes the calling process to {@code topic}. */
    public void subscribe(String topic) {
        registry.register(Objects.requireNonNull(topic, "topic"), null);
    }

    /** Removes the calling process's subscriptions to {@code topic}; nothing if it has none. */
    public void unsubscribe(String topic) {
        registry.unregister(Objects.requireNonNull(topic, "topic"));
    }

    /** The live subscribers of {@code topic} on this node, once per subscription. */
    public List<Pid> subscribers(String topic) {
        return registry.lookup(Objects.requireNonNull(topic, "topic")).stream().map(entry -> entry.pid()).toList();
    }

    // ---- broadcasts ----

    /** Sends {@code message} to every subscriber of {@code topic}, here and through the adapter. */
    public void broadcast(String topic, Object message) {
        Objects.requireNonNull(message, "message");
        adapter.broadcast(Objects.requireNonNull(topic, "topic"), message, Optional.empty());
        dispatch(topic, message, null);
    }

    /**
     * Sends {@code message} to every subscriber of {@code topic} except {@code from} (usually the
     * caller, so that it does not hear its own message), here and through the adapter.
     */
    public void broadcastFrom(Pid from, String topic, Object message) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(message, "message");
        adapter.broadcast(Objects.requireNonNull(topic, "topic"), message, Optional.of(from));
        dispatch(topic, message, from);
    }

    /** Sends {@code message} to the subscribers of {@code topic} on this node only. */
    public void localBroadcast(String topic, Object message) {
        dispatch(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(message, "message"), null);
    }

    /** Sends {@code message} to the subscribers of {@code topic} on this node except {@code from}. */
    public void localBroadcastFrom(Pid from, String topic, Object message) {
        dispatch(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(message, "message"),
                Objects.requireNonNull(from, "from"));
    }

    private void dispatch(String topic, Object message, Pid except) {
        var slice = BroadcastSlice.current();
        // The subscribers' pids, not their entries: one dense array rather than an object each.
        registry.dispatchPids(topic, pids -> {
            slice.broadcast(pids.size());
            for (var pid : pids) {
                if (pid != except) {
                    pid.send(message);
                    slice.charge();
                }
            }
        });
        slice.charge(); // a broadcast that reaches nobody is work too
    }

    @Override
    public String toString() {
        return "PubSub(" + name + ", " + adapter + ")";
    }
}
