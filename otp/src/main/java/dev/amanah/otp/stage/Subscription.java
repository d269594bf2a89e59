package dev.amanah.otp.stage;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Ref;
import java.util.Objects;

/**
 * One subscription of a consumer to a producer: GenStage's {@code from} ({@code {pid, ref}}), seen
 * from both sides. Passed to {@code handleEvents} and {@code handleCancel}, returned by
 * {@link Stage#subscribe}, and the handle for {@link Stage#cancel}. Equal subscriptions have the
 * same ref: a consumer may subscribe to one producer several times, each a distinct subscription.
 *
 * @param producer the producer's pid
 * @param consumer the consumer's pid
 * @param ref      identifies the subscription
 */
public record Subscription(Pid producer, Pid consumer, Ref ref) {
    public Subscription {
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(ref, "ref");
    }
}
