package dev.amanah.otp.stage;

import dev.amanah.otp.ExitReason;
import java.util.List;
import java.util.Objects;

/**
 * A stage that handles events and emits none: GenStage's {@code :consumer}. It asks its producers
 * for more only after handling what it got (see {@link SubscribeTo}), so it is never sent more
 * than {@code maxDemand} events per subscription.
 *
 * <pre>{@code
 * final class Recorder implements Consumer<Donation, Long> {
 *     public Long init() { return 0L; }
 *
 *     public Result<Void, Long> handleEvents(List<Donation> donations, Subscription from, Long total) {
 *         donations.forEach(ledger::record);
 *         return new Emit<>(total + donations.size());
 *     }
 * }
 * }</pre>
 *
 * @param <E> the events it consumes
 * @param <S> its state
 */
public non-sealed interface Consumer<E, S> extends Stage {

    /** Runs in the new process before {@code startLink} returns: the initial state. Throwing fails the start. */
    S init();

    /**
     * Handles a batch of events (at most {@code maxDemand - minDemand}) from {@code from}. Return
     * {@code new Emit<>(state)}: returning events crashes the consumer, as in GenStage.
     */
    Result<Void, S> handleEvents(List<E> events, Subscription from, S state);

    /** Handles any other message. Default: log it as unexpected and carry on. */
    default Result<Void, S> handleInfo(Object message, S state) {
        StageServer.logUnexpected(message);
        return new Emit<>(state);
    }

    /**
     * A subscription ended; the subscription's {@link CancelMode} applies afterwards (a permanent
     * one then stops the consumer with the same reason). Default: nothing.
     */
    default Result<Void, S> handleCancel(Cancellation cancellation, Subscription subscription, S state) {
        return new Emit<>(state);
    }

    /** Runs before the stage exits, as {@code GenServer.terminate}; not guaranteed. Default: nothing. */
    default void terminate(ExitReason reason, S state) {
    }

    /**
     * A stateless consumer running {@code action} on each event, in order. An exception from
     * {@code action} crashes the consumer.
     */
    static <E> Consumer<E, ?> forEach(java.util.function.Consumer<? super E> action) {
        Objects.requireNonNull(action, "action");
        return new Consumer<E, Void>() {
            @Override
            public Void init() {
                return null;
            }

            @Override
            public Result<Void, Void> handleEvents(List<E> events, Subscription from, Void state) {
                events.forEach(action);
                return new Emit<>(state);
            }
        };
    }
}
