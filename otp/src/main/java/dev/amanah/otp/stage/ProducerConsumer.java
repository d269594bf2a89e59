package dev.amanah.otp.stage;

import dev.amanah.otp.ExitReason;
import java.util.List;

/**
 * A stage that turns upstream events into downstream events: GenStage's
 * {@code :producer_consumer}. It has no {@code handleDemand}: it handles upstream events only
 * while its own consumers have demand, so demand propagates upstream and a slow consumer slows
 * the whole pipeline.
 *
 * <pre>{@code
 * final class Validate implements ProducerConsumer<Donation, Donation, Void> {
 *     public Void init() { return null; }
 *
 *     public Result<Donation, Void> handleEvents(List<Donation> donations, Subscription from, Void state) {
 *         return new Emit<>(donations.stream().filter(Donation::isValid).toList(), state);
 *     }
 * }
 * }</pre>
 *
 * @param <I> the events it consumes
 * @param <O> the events it emits
 * @param <S> its state
 */
public non-sealed interface ProducerConsumer<I, O, S> extends Stage {

    /** Runs in the new process before {@code startLink} returns: the initial state. Throwing fails the start. */
    S init();

    /**
     * Handles a batch of upstream events (at most {@code maxDemand - minDemand} of them) from
     * {@code from}, emitting any number of events downstream; those beyond the downstream demand
     * are buffered.
     */
    Result<O, S> handleEvents(List<I> events, Subscription from, S state);

    /** Handles any other message; may emit events. Default: log it as unexpected and carry on. */
    default Result<O, S> handleInfo(Object message, S state) {
        StageServer.logUnexpected(message);
        return new Emit<>(state);
    }

    /**
     * A subscription ended, upstream or downstream ({@code subscription} says which side this
     * stage is on). For an upstream one, the subscription's {@link CancelMode} applies afterwards.
     * Default: nothing.
     */
    default Result<O, S> handleCancel(Cancellation cancellation, Subscription subscription, S state) {
        return new Emit<>(state);
    }

    /** Runs before the stage exits, as {@code GenServer.terminate}; not guaranteed. Default: nothing. */
    default void terminate(ExitReason reason, S state) {
    }
}
