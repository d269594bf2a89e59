package dev.amanah.otp.stage;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Ref;
import java.util.List;

/** The messages stages exchange: GenStage's {@code $gen_producer} and {@code $gen_consumer} messages. */
final class Protocol {
    private Protocol() {
    }

    /** Consumer to producer: subscription {@code ref} from {@code consumer}; an {@link Ask} follows. */
    record Subscribe(Pid consumer, Ref ref) {
    }

    /** Consumer to producer: {@code demand} more events for subscription {@code ref}. */
    record Ask(Ref ref, long demand) {
    }

    /** Producer to consumer: events for subscription {@code ref}, never more than asked. */
    record Events(Ref ref, List<?> events) {
    }

    /** Anyone to producer ({@link Stage#cancel}): end subscription {@code ref}. */
    record Cancel(Ref ref, ExitReason reason) {
    }

    /** Producer to consumer: subscription {@code ref} was cancelled with {@code reason}. */
    record Cancelled(Ref ref, ExitReason reason) {
    }

    /** Anyone to producer ({@link Stage#demand}): switch the demand mode. */
    record Demand(StageOptions.DemandMode mode) {
    }

    /** A call into a consumer: subscribe to {@code to} ({@link Stage#subscribe}). */
    record SubscribeCall(SubscribeTo to) {
    }
}
