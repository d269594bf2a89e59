package dev.amanah.otp.stage;

/**
 * What a consumer does when a subscription of its ends, because its producer exited or the
 * subscription was cancelled: GenStage's {@code :cancel} subscription option. In every mode the
 * consumer's {@code handleCancel} runs first.
 */
public enum CancelMode {
    /** The consumer exits with the same reason, whatever it is (GenStage's default). */
    PERMANENT,
    /**
     * The consumer exits with the same reason unless it is graceful ({@code normal},
     * {@code shutdown}, {@code {shutdown, _}}).
     */
    TRANSIENT,
    /** The consumer carries on; the subscription is simply gone. */
    TEMPORARY
}
