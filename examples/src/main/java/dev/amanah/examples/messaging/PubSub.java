package dev.amanah.examples.messaging;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code FinancialDomain.Notifications.PubSub}: a publish-subscribe broker written by
 * hand as one registered process that monitors its subscribers and broadcasts each event to them.
 * It is kept to show the pattern. Production code uses the otp module's
 * {@link dev.amanah.otp.pubsub.PubSub} (Phoenix.PubSub): topics, no broker process in the path
 * (a broadcast sends from the caller to each subscriber found in a partitioned registry), dead
 * subscribers removed automatically:
 * <pre>{@code
 * var notifications = dev.amanah.otp.pubsub.PubSub.of("notifications");
 * notifications.startLink();
 * notifications.subscribe("donations");                              // in each listener
 * notifications.broadcast("donations", new Event(DONATION_CREATED, donation));
 * }</pre>
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>{@code subscribe} only sends {@code {:subscribe, self()}} and returns: an event published
 *       right after, by another process, may reach the broker first and be missed. Here
 *       {@link #subscribe()} returns once the broker has the subscriber.</li>
 *   <li>Subscribing twice made the seed deliver every event twice, and its {@code DOWN} clause
 *       removed only one copy. Here subscribing is idempotent.</li>
 *   <li>The seed's broker has no catch-all clause: any other message stays in its mailbox for
 *       ever, growing it and being scanned again by every {@code receive}. Here it is dropped.</li>
 * </ul>
 */
public final class PubSub {
    /** The name the broker registers: the seed's {@code __MODULE__}. */
    public static final String NAME = "PubSub";
    /** The event {@link #publishDonation} publishes: {@code :donation_created}. */
    public static final String DONATION_CREATED = "donation_created";
    /** How long {@link #subscribe()} waits for the broker. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private PubSub() {
    }

    /** {@code {:subscribe, pid}}; answered once the subscriber is recorded. */
    public record Subscribe(ReplyTo from) {
    }

    /** {@code {:publish, event, data}}. */
    public record Publish(String event, Object data) {
    }

    /** {@code {event, data}}: what every subscriber receives. */
    public record Event(String name, Object data) {
    }

    /** The broker's state: {@code %{subscribers: [...]}}, newest first. */
    public record State(List<Pid> subscribers) {
        public State {
            subscribers = List.copyOf(subscribers);
        }
    }

    /**
     * Starts the broker linked to the caller and registers it as {@link #NAME}; returns its pid
     * once registered.
     *
     * @throws IllegalArgumentException if the name is taken; the new broker is stopped first
     */
    public static Pid startLink() {
        var pid = Processes.spawnLink(() -> brokerLoop(new State(List.of())));
        try {
            Processes.register(NAME, pid);
        } catch (IllegalArgumentException taken) {
            Processes.unlink(pid);
            Processes.exit(pid, ExitReason.KILL);
            throw taken;
        }
        return pid;
    }

    /**
     * Subscribes the caller to donation notifications: from when this returns, it receives an
     * {@link Event} for every publication, until it ends. Subscribing again changes nothing.
     *
     * @throws IllegalArgumentException if no broker is registered (Elixir's {@code ArgumentError}
     *                                  for a send to an unregistered name)
     * @throws dev.amanah.otp.ExitException with the bare reason if the broker does not answer
     *                                  within {@link #TIMEOUT} or ends meanwhile
     */
    public static void subscribe() {
        var broker = Processes.whereis(NAME)
                .orElseThrow(() -> new IllegalArgumentException("no process is registered as " + NAME));
        Processes.request(broker, Subscribe::new, TIMEOUT);
    }

    /**
     * Publishes a {@link #DONATION_CREATED} event with {@code donation}; returns at once.
     *
     * @throws IllegalArgumentException if no broker is registered
     */
    public static void publishDonation(Object donation) {
        Processes.send(NAME, new Publish(DONATION_CREATED, donation));
    }

    /**
     * The broker loop, which runs in the broker process: records (and monitors) subscribers,
     * broadcasts each publication to every subscriber (newest first), forgets subscribers that end,
     * and drops any other message.
     */
    public static void brokerLoop(State state) {
        for (;;) {
            state = switch (Processes.receive()) {
                case Subscribe(var from) -> {
                    if (state.subscribers().contains(from.pid())) {
                        Processes.reply(from, "ok");
                        yield state;
                    }
                    // Monitor subscriber to remove on crash; before the reply, so that a
                    // subscriber whose subscribe returned is watched already.
                    Processes.monitor(from.pid());
                    var subscribers = new ArrayList<Pid>();
                    subscribers.add(from.pid());
                    subscribers.addAll(state.subscribers());
                    Processes.reply(from, "ok");
                    yield new State(subscribers);
                }
                case Publish(var event, var data) -> {
                    // Broadcast to all subscribers
                    for (var pid : state.subscribers()) {
                        pid.send(new Event(event, data));
                    }
                    yield state;
                }
                case Down(var ref, var pid, var reason) -> {
                    // Remove crashed subscriber
                    var subscribers = new ArrayList<>(state.subscribers());
                    subscribers.remove(pid);
                    yield new State(subscribers);
                }
                default -> state;
            };
        }
    }
}
