package dev.amanah.otp.stage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a stage is started: GenStage's init options ({@code :dispatcher}, {@code :buffer_size},
 * {@code :buffer_keep}, {@code :subscribe_to}) and the {@code name:} start option.
 *
 * <pre>{@code
 * StageOptions.DEFAULT.withName("donations").withDispatcher(StageOptions.Dispatch.BROADCAST)
 * StageOptions.subscribeTo(SubscribeTo.of("donations").withMaxDemand(100))
 * }</pre>
 *
 * @param name          a local name to register the stage under; empty for none
 * @param dispatch      how a producer (or producer-consumer) shares events among its consumers;
 *                      {@link Dispatch#DEMAND} by default. Ignored by consumers.
 * @param bufferSize    how many events a producer keeps when it has more than its consumers asked
 *                      for; empty for the default: 10,000 for a producer, unbounded for a
 *                      producer-consumer (whose buffer is bounded by the demand it sends
 *                      upstream), as in GenStage
 * @param bufferKeep    which events a full buffer keeps
 * @param subscriptions the producers a consumer (or producer-consumer) subscribes to when it
 *                      starts, in order; a producer must have none
 * @param demand        whether a producer passes demand to {@code handleDemand} at once
 *                      ({@link DemandMode#FORWARD}, the default) or holds it until
 *                      {@link Stage#demand} says so
 */
public record StageOptions(Optional<String> name, Dispatch dispatch, OptionalInt bufferSize, BufferKeep bufferKeep,
                           List<SubscribeTo> subscriptions, DemandMode demand) {

    /** GenStage's default producer buffer. */
    public static final int DEFAULT_BUFFER_SIZE = 10_000;

    /** No name, demand dispatch, default buffer keeping the newest events, no subscriptions. */
    public static final StageOptions DEFAULT = new StageOptions(Optional.empty(), Dispatch.DEMAND,
            OptionalInt.empty(), BufferKeep.LAST, List.of(), DemandMode.FORWARD);

    public StageOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dispatch, "dispatch");
        Objects.requireNonNull(bufferSize, "bufferSize");
        Objects.requireNonNull(bufferKeep, "bufferKeep");
        Objects.requireNonNull(demand, "demand");
        subscriptions = List.copyOf(subscriptions);
        if (bufferSize.isPresent() && bufferSize.getAsInt() < 0) {
            throw new IllegalArgumentException("negative bufferSize: " + bufferSize.getAsInt());
        }
    }

    /** The default options with these subscriptions, for a consumer or producer-consumer. */
    public static StageOptions subscribeTo(SubscribeTo... subscriptions) {
        return DEFAULT.withSubscriptions(List.of(subscriptions));
    }

    /** These options with a local name. */
    public StageOptions withName(String name) {
        return new StageOptions(Optional.of(name), dispatch, bufferSize, bufferKeep, subscriptions, demand);
    }

    /** These options with another dispatcher. */
    public StageOptions withDispatcher(Dispatch dispatch) {
        return new StageOptions(name, dispatch, bufferSize, bufferKeep, subscriptions, demand);
    }

    /** These options with a buffer of {@code size} events that keeps {@code keep} when full. */
    public StageOptions withBuffer(int size, BufferKeep keep) {
        return new StageOptions(name, dispatch, OptionalInt.of(size), keep, subscriptions, demand);
    }

    /** These options with another demand mode (for producers). */
    public StageOptions withDemand(DemandMode demand) {
        return new StageOptions(name, dispatch, bufferSize, bufferKeep, subscriptions, demand);
    }

    /** These options with these subscriptions (replacing any). */
    public StageOptions withSubscriptions(List<SubscribeTo> subscriptions) {
        return new StageOptions(name, dispatch, bufferSize, bufferKeep, subscriptions, demand);
    }

    /** GenStage's {@code :demand} option: what a producer does with the demand it receives. */
    public enum DemandMode {
        /** Pass it to {@code handleDemand} as it comes. */
        FORWARD,
        /**
         * Add it up without calling {@code handleDemand} (events already buffered still go out)
         * until {@link Stage#demand} switches to {@link #FORWARD}: lets all consumers subscribe
         * before a finite producer starts, so that none finds it already finished.
         */
        ACCUMULATE
    }

    /** How a producer shares its events among its consumers. */
    public enum Dispatch {
        /**
         * Each event goes to one consumer: the one with the most pending demand (GenStage's
         * {@code DemandDispatcher}); ties go round-robin. Demand sent upstream is the sum of the
         * consumers' demand.
         */
        DEMAND,
        /**
         * Every consumer gets every event (GenStage's {@code BroadcastDispatcher}); the demand is
         * that of the slowest consumer. A consumer that subscribes while demand is outstanding
         * starts owing it, as in GenStage, so it receives the events already on their way.
         */
        BROADCAST
    }

    /** Which events a full buffer keeps: GenStage's {@code :buffer_keep}. A drop is logged as a warning. */
    public enum BufferKeep {
        /** Keep the newest: the oldest buffered events are dropped (GenStage's default). */
        LAST,
        /** Keep the oldest: the new events that do not fit are dropped. */
        FIRST
    }
}
