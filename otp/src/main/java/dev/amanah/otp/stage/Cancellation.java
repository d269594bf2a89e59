package dev.amanah.otp.stage;

import dev.amanah.otp.ExitReason;
import java.util.Objects;

/**
 * Why a subscription ended, as {@code handleCancel} receives it: GenStage's
 * {@code {:cancel, reason}} or {@code {:down, reason}}.
 *
 * @param kind   whether it was cancelled or the other side exited
 * @param reason the cancel reason, or the other side's exit reason
 */
public record Cancellation(Kind kind, ExitReason reason) {
    public Cancellation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** How a subscription ended. */
    public enum Kind {
        /** {@link Stage#cancel} was called on it. */
        CANCEL,
        /** The other side exited (or did not exist: reason {@code noproc}). */
        DOWN
    }
}
