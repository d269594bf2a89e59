package dev.amanah.otp.stage;

import dev.amanah.otp.Pid;
import dev.amanah.otp.server.Name;
import java.util.Objects;

/**
 * A consumer's subscription request: GenStage's {@code subscribe_to} entry with
 * {@code max_demand}, {@code min_demand} and {@code cancel}.
 *
 * <pre>{@code
 * SubscribeTo.of(producer)                          // max 1000, min 750, permanent
 * SubscribeTo.of("donations").withMaxDemand(50)     // min becomes 37 (75 %)
 * SubscribeTo.of(producer).withDemand(10, 0).withCancel(CancelMode.TRANSIENT)
 * }</pre>
 *
 * <p>The consumer asks the producer for {@code maxDemand} events at once, and asks again, after
 * handling a batch, whenever the events it still awaits fall to {@code minDemand} or below, so
 * that at most {@code maxDemand} events are ever in flight or queued for it. Events reach
 * {@code handleEvents} in batches of at most {@code maxDemand - minDemand}.
 *
 * @param producer  a {@link Pid} or a {@link Name}, resolved when the subscription is made
 * @param maxDemand the most events in flight for this subscription; 1000 by default
 * @param minDemand when to ask for more; 75 % of {@code maxDemand} by default;
 *                  {@code 0 <= minDemand < maxDemand}
 * @param cancel    what the consumer does when the subscription ends; permanent by default
 */
public record SubscribeTo(Object producer, long maxDemand, long minDemand, CancelMode cancel) {
    /** GenStage's default {@code max_demand}. */
    public static final long DEFAULT_MAX_DEMAND = 1000;

    public SubscribeTo {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(cancel, "cancel");
        if (!(producer instanceof Pid) && !(producer instanceof Name)) {
            throw new IllegalArgumentException("a producer is a Pid or a Name, not " + producer.getClass().getName());
        }
        if (maxDemand < 1) {
            throw new IllegalArgumentException("maxDemand must be at least 1: " + maxDemand);
        }
        if (minDemand < 0 || minDemand >= maxDemand) {
            throw new IllegalArgumentException("minDemand must be in [0, maxDemand): min " + minDemand
                    + ", max " + maxDemand);
        }
    }

    /** Subscribes to {@code producer} with the defaults (max 1000, min 750, permanent). */
    public static SubscribeTo of(Pid producer) {
        return new SubscribeTo(producer, DEFAULT_MAX_DEMAND, defaultMin(DEFAULT_MAX_DEMAND), CancelMode.PERMANENT);
    }

    /** Subscribes to the producer registered locally as {@code name}. */
    public static SubscribeTo of(String name) {
        return of(Name.local(name));
    }

    /** Subscribes to the producer holding {@code name}. */
    public static SubscribeTo of(Name name) {
        return new SubscribeTo(name, DEFAULT_MAX_DEMAND, defaultMin(DEFAULT_MAX_DEMAND), CancelMode.PERMANENT);
    }

    /** This request with {@code maxDemand}, and {@code minDemand} at 75 % of it (GenStage's default). */
    public SubscribeTo withMaxDemand(long maxDemand) {
        return new SubscribeTo(producer, maxDemand, defaultMin(maxDemand), cancel);
    }

    /** This request with both demand bounds. */
    public SubscribeTo withDemand(long maxDemand, long minDemand) {
        return new SubscribeTo(producer, maxDemand, minDemand, cancel);
    }

    /** This request with another cancel mode. */
    public SubscribeTo withCancel(CancelMode cancel) {
        return new SubscribeTo(producer, maxDemand, minDemand, cancel);
    }

    private static long defaultMin(long max) {
        return max * 3 / 4;
    }
}
