package dev.amanah.otp.supervisor;

import dev.amanah.otp.ExitReason;

/**
 * A supervisor's own errors, OTP's atoms of the same names. In a {@code StartResult.Error} they
 * are carried as {@code ExitReason.Term(error)}; see {@link #asReason()}.
 */
public enum ChildError {
    /** No child has that id (or pid). */
    NOT_FOUND,
    /** The child is running; stop it first. */
    RUNNING,
    /** The child is waiting to be restarted after a failed restart. */
    RESTARTING,
    /** A child with that id exists already (not running). */
    ALREADY_PRESENT,
    /** A {@link DynamicSupervisor} has {@code maxChildren} children already. */
    MAX_CHILDREN,
    /** The spec is marked significant but the supervisor's auto-shutdown is {@code NEVER}. */
    SIGNIFICANT_WITHOUT_AUTO_SHUTDOWN;

    /** This error as an exit reason, as a {@code StartResult.Error} carries it. */
    public ExitReason asReason() {
        return ExitReason.of(this);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
