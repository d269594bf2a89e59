package dev.amanah.otp;

import java.util.Objects;

/**
 * An exit travelling up the stack of a process: thrown by {@link Processes#exit(ExitReason)}, by
 * a failed call or await, and out of any blocking call of a process that was killed or received
 * an exit signal it does not trap.
 *
 * <p>If it escapes the process's code, the process ends with {@link #reason()}. It may be caught
 * (as Erlang's {@code catch exit(...)}) when the process itself threw it; when the process is
 * already dead (killed, or taken down by a link) catching it does not bring the process back: its
 * sends are dropped and its next blocking call throws again.
 */
public class ExitException extends RuntimeException {
    private final ExitReason reason;

    /** An exit with {@code reason}. */
    public ExitException(ExitReason reason) {
        super(Objects.requireNonNull(reason, "reason").toString(),
                reason instanceof ExitReason.Crash crash ? crash.exception() : null);
        this.reason = reason;
    }

    private ExitException(ExitReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** An exit used only to unwind a dead process: no stack trace, nothing to report. */
    static ExitException unwinding(ExitReason reason) {
        return new ExitException(reason, reason.toString());
    }

    /** Why the process exits. */
    public ExitReason reason() {
        return reason;
    }
}
