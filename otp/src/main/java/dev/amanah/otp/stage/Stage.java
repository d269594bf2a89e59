package dev.amanah.otp.stage;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import java.util.List;
import java.util.Objects;

/**
 * Demand-driven stages: Elixir's GenStage. A {@link Producer} emits events only when its
 * consumers have asked for them; a {@link Consumer} asks for more only once it has handled what it
 * got; a {@link ProducerConsumer} sits between the two and passes the demand upstream.
 *
 * <h2>Why</h2>
 * The seed's producer-consumer sends every item to the consumer at once: nothing stops a fast
 * producer from flooding a slow consumer's mailbox (its "no backpressure in producer-consumer"
 * mistake). Here the flow runs the other way: demand goes up, events come down, and a stage never
 * receives more events than it asked for, so a slow consumer slows its producer instead of
 * drowning in messages.
 *
 * <pre>{@code
 * Pid producer = Stage.startLink(Producer.fromIterable(donationIds)).orElseThrow();
 * Pid consumer = Stage.startLink(Consumer.forEach(id -> process(id)),
 *         StageOptions.subscribeTo(SubscribeTo.of(producer).withMaxDemand(10))).orElseThrow();
 * }</pre>
 *
 * <h2>The protocol</h2>
 * <ul>
 *   <li>A consumer subscribes ({@link StageOptions#subscriptions()} at start, or
 *       {@link #subscribe} later): it monitors the producer and asks for {@code maxDemand}
 *       events. The producer monitors the consumer.</li>
 *   <li>The producer adds the demand to that consumer's, serves it first from its buffer, then
 *       calls {@link Producer#handleDemand} with the rest. Events it emits go to consumers only
 *       up to what they asked for (see {@link StageOptions.Dispatch}); the surplus waits in its
 *       buffer (bounded, see {@link StageOptions#bufferSize()}).</li>
 *   <li>The consumer hands events to {@code handleEvents} in batches of at most
 *       {@code maxDemand - minDemand}, and after each batch, once what it awaits has fallen to
 *       {@code minDemand} or below, asks for enough to be back at {@code maxDemand}.</li>
 *   <li>A producer-consumer handles upstream events only while its own consumers have demand;
 *       otherwise they wait, unacknowledged, so its upstream stops too.</li>
 *   <li>When a consumer exits, its producer drops the subscription and its demand and carries on.
 *       When a producer exits (or a subscription is cancelled), its consumer runs
 *       {@code handleCancel}, then acts on the subscription's {@link CancelMode}. Events the
 *       producer sent before exiting are handled first; a producer-consumer also first handles
 *       those it had queued.</li>
 * </ul>
 *
 * <h2>Processes</h2>
 * A stage is a {@code GenServer} process: it starts like one (blocking until {@code init} has
 * returned and the start-time subscriptions are sent), can be named, supervised
 * ({@code ChildSpec.worker(id, () -> Stage.startLink(...))}) and stopped with
 * {@link #stop}. Its callbacks run in its own process, one message at a time. A callback that
 * throws, or returns {@link Stop}, stops the stage after {@code terminate}.
 */
public sealed interface Stage permits Producer, ProducerConsumer, Consumer {

    // ---- callback results ----

    /**
     * What a stage callback returns: {@link Emit} or {@link Stop}.
     *
     * @param <E> the events the stage emits ({@link Void} for a consumer)
     * @param <S> the stage's state
     */
    sealed interface Result<E, S> permits Emit, Stop {
    }

    /**
     * Carry on with {@code state}, emitting {@code events} downstream: GenStage's
     * {@code {:noreply, events, state}}. A consumer must emit none.
     *
     * @param events the events to emit, in order; no nulls
     * @param state  the new state
     */
    record Emit<E, S>(List<E> events, S state) implements Result<E, S> {
        public Emit {
            Objects.requireNonNull(events, "events");
        }

        /** Carry on emitting nothing: {@code {:noreply, [], state}}. */
        public Emit(S state) {
            this(List.of(), state);
        }
    }

    /**
     * Stop the stage with {@code reason}: {@code terminate} runs, then the process exits.
     *
     * @param reason the exit reason
     * @param state  the state {@code terminate} sees
     */
    record Stop<E, S>(ExitReason reason, S state) implements Result<E, S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }

    // ---- client API ----

    /** Starts a producer linked to the caller, with the default options. */
    static StartResult startLink(Producer<?, ?> producer) {
        return startLink(producer, StageOptions.DEFAULT);
    }

    /**
     * Starts a producer linked to the caller and blocks until its {@code init} has returned:
     * {@code Ok(pid)}, or {@code Error(reason)} if {@code init} threw.
     *
     * @throws IllegalArgumentException if the options hold subscriptions (a producer has no
     *                                  upstream)
     */
    static StartResult startLink(Producer<?, ?> producer, StageOptions options) {
        if (!options.subscriptions().isEmpty()) {
            throw new IllegalArgumentException("a producer cannot subscribe to anything: " + options.subscriptions());
        }
        return GenServer.startLink(new StageServer(producer, options), startOptions(options));
    }

    /**
     * Starts a producer-consumer linked to the caller and blocks until its {@code init} has
     * returned and its subscriptions have been sent. A subscription to a name that is not
     * registered fails the start.
     */
    static StartResult startLink(ProducerConsumer<?, ?, ?> stage, StageOptions options) {
        return GenServer.startLink(new StageServer(stage, options), startOptions(options));
    }

    /**
     * Starts a consumer linked to the caller and blocks until its {@code init} has returned and
     * its subscriptions have been sent. A subscription to a name that is not registered fails the
     * start.
     */
    static StartResult startLink(Consumer<?, ?> consumer, StageOptions options) {
        return GenServer.startLink(new StageServer(consumer, options), startOptions(options));
    }

    /**
     * Subscribes {@code consumer} (a consumer or producer-consumer stage) to a producer, as
     * GenStage's {@code sync_subscribe}: returns once the consumer has sent its subscription and
     * first demand. The subscription's end is governed by {@code to.cancel()} as for any other.
     *
     * @throws IllegalArgumentException if {@code consumer} is a producer, or {@code to} names a
     *                                  producer that is not registered
     * @throws ExitException            with {@code InCall(reason, "GenServer", "call", ...)} if
     *                                  {@code consumer} is not running
     */
    static Subscription subscribe(Pid consumer, SubscribeTo to) {
        Objects.requireNonNull(to, "to");
        Object answer = GenServer.call(consumer, new Protocol.SubscribeCall(to), Processes.INFINITY);
        if (answer instanceof RuntimeException refused) {
            throw refused;
        }
        return (Subscription) answer;
    }

    /**
     * Cancels a subscription with {@code reason}, as GenStage's {@code cancel/2}: the producer drops
     * it (running its {@code handleCancel} with {@link Cancellation.Kind#CANCEL}) and tells the
     * consumer, which runs its {@code handleCancel} and then acts on the subscription's
     * {@link CancelMode} (a permanent subscription ends the consumer with {@code reason}).
     * Asynchronous, from any process; nothing happens if the subscription is already gone.
     */
    static void cancel(Subscription subscription, ExitReason reason) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(reason, "reason");
        subscription.producer().send(new Protocol.Cancel(subscription.ref(), reason));
    }

    /**
     * Switches a producer's demand mode, as GenStage's {@code demand/2}: to
     * {@link StageOptions.DemandMode#FORWARD}, the demand accumulated so far goes to
     * {@code handleDemand} at once. Asynchronous; ignored by other stages.
     */
    static void demand(Pid producer, StageOptions.DemandMode mode) {
        Objects.requireNonNull(mode, "mode");
        producer.send(new Protocol.Demand(mode));
    }

    /** Stops a stage with {@code normal} and waits until it has ended; its subscriptions end with it. */
    static void stop(Pid stage) {
        GenServer.stop(stage);
    }

    private static StartOptions startOptions(StageOptions options) {
        return options.name().map(StartOptions::named).orElse(StartOptions.DEFAULT);
    }
}
