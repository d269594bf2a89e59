package dev.amanah.otp.server;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import java.util.Objects;

/**
 * The error when a name is already taken: OTP's {@code {:already_started, pid}}, carried as
 * {@code StartResult.Error(ExitReason.Term(new AlreadyStarted(pid)))}.
 *
 * @param pid the process that holds the name
 */
public record AlreadyStarted(Pid pid) {
    public AlreadyStarted {
        Objects.requireNonNull(pid, "pid");
    }

    /** This error as an exit reason. */
    public ExitReason asReason() {
        return ExitReason.of(this);
    }

    @Override
    public String toString() {
        return "{already_started, " + pid + "}";
    }
}
