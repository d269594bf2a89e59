package dev.amanah.otp.stage;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Ref;
import java.util.List;

/**
 * How a producer shares events among its subscriptions and how their demands add up to the
 * demand it acts on: GenStage's dispatcher behaviour. Every method returns the demand to act on
 * now (passed to {@code handleDemand}, or to a producer-consumer's upstream handling); it is zero
 * or more.
 */
interface Dispatcher {
    /** A new subscription, with no demand yet. */
    long subscribe(Ref ref, Pid consumer);

    /** Subscription {@code ref} asked for {@code demand} more events. */
    long ask(Ref ref, long demand);

    /** Subscription {@code ref} is gone, with whatever demand it had. */
    long cancel(Ref ref);

    /** How many events {@link #dispatch} would send now. */
    long available();

    /**
     * Sends what it can of {@code events}, in order, within the subscriptions' demand; returns the
     * number sent (always a prefix of {@code events}: the rest is the producer's to buffer).
     */
    int dispatch(List<?> events);

    static Dispatcher of(StageOptions.Dispatch kind) {
        return switch (kind) {
            case DEMAND -> new DemandDispatcher();
            case BROADCAST -> new BroadcastDispatcher();
        };
    }
}
