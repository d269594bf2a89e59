package dev.amanah.otp.task;

import dev.amanah.otp.ExitReason;

/**
 * When a {@link TaskSupervisor} restarts a child started with
 * {@link TaskSupervisor#startChild}: OTP's restart values.
 */
public enum Restart {
    /** Never restarted, whatever the reason: the default for tasks ({@code use Task}). */
    TEMPORARY,
    /**
     * Restarted only if it ends with a reason other than {@code normal}, {@code shutdown} or
     * {@code {shutdown, detail}} (see {@link ExitReason#isGraceful()}).
     */
    TRANSIENT,
    /** Always restarted. */
    PERMANENT;

    /** Whether a child with this policy is restarted after ending with {@code reason}. */
    public boolean restarts(ExitReason reason) {
        return switch (this) {
            case TEMPORARY -> false;
            case TRANSIENT -> !reason.isGraceful();
            case PERMANENT -> true;
        };
    }
}
