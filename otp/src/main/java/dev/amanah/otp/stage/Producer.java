package dev.amanah.otp.stage;

import dev.amanah.otp.ExitReason;
import java.util.Objects;

/**
 * A stage that emits events when asked: GenStage's {@code :producer}.
 *
 * <pre>{@code
 * final class Counter implements Producer<Integer, Integer> {
 *     public Integer init() { return 0; }
 *
 *     public Result<Integer, Integer> handleDemand(long demand, Integer next) {
 *         var events = IntStream.range(next, next + (int) demand).boxed().toList();
 *         return new Emit<>(events, next + (int) demand);
 *     }
 * }
 * }</pre>
 *
 * @param <E> the events it emits
 * @param <S> its state
 */
public non-sealed interface Producer<E, S> extends Stage {

    /** Runs in the new process before {@code startLink} returns: the initial state. Throwing fails the start. */
    S init();

    /**
     * Consumers asked for {@code demand} more events (always positive) than the producer has
     * buffered. Emit up to that many; fewer is fine (emit the rest later, from {@link #handleInfo}
     * say, when they exist); more are buffered. Demand not met is not asked again: the producer
     * must remember it if it cannot meet it now.
     */
    Result<E, S> handleDemand(long demand, S state);

    /**
     * Handles any other message; may emit events (buffered if nobody asked for them). Default:
     * log it as unexpected and carry on.
     */
    default Result<E, S> handleInfo(Object message, S state) {
        StageServer.logUnexpected(message);
        return new Emit<>(state);
    }

    /**
     * A consumer's subscription ended (it was cancelled, or the consumer exited); its demand is
     * gone. May emit events. Default: nothing.
     */
    default Result<E, S> handleCancel(Cancellation cancellation, Subscription subscription, S state) {
        return new Emit<>(state);
    }

    /** Runs before the stage exits, as {@code GenServer.terminate}; not guaranteed. Default: nothing. */
    default void terminate(ExitReason reason, S state) {
    }

    /**
     * A producer of {@code source}'s elements, in order, pulled lazily as demand comes (GenStage's
     * {@code from_enumerable}); the iterator is made in the stage's process. Once they are all
     * emitted it stops with {@code normal}, so permanent subscribers end too, after handling
     * everything.
     */
    static <E> Producer<E, ?> fromIterable(Iterable<? extends E> source) {
        return new IterableProducer<>(Objects.requireNonNull(source, "source"));
    }
}
