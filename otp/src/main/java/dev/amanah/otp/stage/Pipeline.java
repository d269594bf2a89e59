package dev.amanah.otp.stage;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.server.GenServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A producer and its consumers, started together: the shape of the seed's producer-consumer,
 * with backpressure. Each consumer subscribes permanently, so when a finite producer (such as
 * {@link Producer#fromIterable}) stops with {@code normal}, every consumer ends with
 * {@code normal} once it has handled all it received, and {@link #awaitCompletion} returns.
 *
 * <pre>{@code
 * var pipeline = Pipeline.startLink(Producer.fromIterable(donationIds), 10,
 *         List.of(Consumer.forEach(Donations::process), Consumer.forEach(Donations::process)));
 * pipeline.awaitCompletion(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>All stages are linked to the caller (a crash in one takes the caller and the others down,
 * unless the caller traps exits), and the caller monitors the consumers. Use the handle from the
 * process that started it.
 */
public final class Pipeline {
    /** Longer than anyone waits; keeps the deadline arithmetic finite. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private final Pid producer;
    private final List<Pid> consumers;
    /** The caller's monitors on the consumers that have not been seen to end yet. */
    private final Map<Ref, Pid> running = new HashMap<>();

    private Pipeline(Pid producer, List<Pid> consumers, List<Ref> monitors) {
        this.producer = producer;
        this.consumers = List.copyOf(consumers);
        for (int i = 0; i < monitors.size(); i++) {
            running.put(monitors.get(i), consumers.get(i));
        }
    }

    /** The producer's pid. */
    public Pid producer() {
        return producer;
    }

    /** The consumers' pids, in the order given. */
    public List<Pid> consumers() {
        return consumers;
    }
    /** {@link #startLink(Producer, long, List)} with GenStage's default {@code maxDemand} of 1000. */
    public static <E> Pipeline startLink(Producer<E, ?> producer, List<? extends Consumer<E, ?>> consumers) {
        return startLink(producer, SubscribeTo.DEFAULT_MAX_DEMAND, consumers);
    }

    /**
     * Starts {@code producer} (demand dispatch, default buffer), then each consumer subscribed to
     * it with {@code maxDemand} (and {@code minDemand} 75 % of it) and a permanent cancel mode.
     * The producer accumulates demand until all consumers have subscribed, so every consumer
     * takes part even when the producer is finite and fast.
     *
     * @throws IllegalStateException if a stage fails to start (those already started are stopped)
     */
    public static <E> Pipeline startLink(Producer<E, ?> producer, long maxDemand,
                                         List<? extends Consumer<E, ?>> consumers) {
        Objects.requireNonNull(producer, "producer");
        if (consumers.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one consumer");
        }
        // The producer holds its demand until every consumer has subscribed: otherwise a fast
        // first consumer could drain a finite producer before the last one subscribes to it.
        var producerPid = Stage.startLink(producer,
                StageOptions.DEFAULT.withDemand(StageOptions.DemandMode.ACCUMULATE)).orElseThrow();
        var started = new ArrayList<Pid>();
        var monitors = new ArrayList<Ref>();
        try {
            for (var consumer : consumers) {
                var pid = Stage.startLink(consumer,
                        StageOptions.subscribeTo(SubscribeTo.of(producerPid).withMaxDemand(maxDemand))).orElseThrow();
                started.add(pid);
                monitors.add(Processes.monitor(pid));
            }
        } catch (RuntimeException e) {
            for (var pid : started.reversed()) {
                stopQuietly(pid);
            }
            stopQuietly(producerPid);
            throw e;
        }
        Stage.demand(producerPid, StageOptions.DemandMode.FORWARD);
        return new Pipeline(producerPid, started, monitors);
    }

    /** Waits until every consumer has ended, up to {@code timeout}; true if they all have. */
    public boolean awaitCompletion(Duration timeout) {
        var deadline = Instant.now().plus(timeout.compareTo(LONGEST) > 0 ? LONGEST : timeout);
        while (!running.isEmpty()) {
            var left = Duration.between(Instant.now(), deadline);
            var down = left.isNegative() ? null
                    : Processes.receive(left, m -> m instanceof Down d && running.containsKey(d.ref()) ? d : null);
            if (down == null) {
                return false;
            }
            running.remove(down.ref());
        }
        return true;
    }

    /** Stops the consumers, then the producer, each with {@code normal}; returns once they have ended. */
    public void stop() {
        for (var monitor : running.keySet()) {
            Processes.demonitor(monitor, true);
        }
        running.clear();
        for (var consumer : consumers) {
            stopQuietly(consumer);
        }
        stopQuietly(producer);
    }

    private static void stopQuietly(Pid stage) {
        if (stage.isAlive()) {
            try {
                GenServer.stop(stage, ExitReason.NORMAL, Processes.INFINITY);
            } catch (dev.amanah.otp.ExitException alreadyGone) {
                // it ended on its own meanwhile (a permanent consumer whose producer stopped)
            }
        }
    }
}
