package dev.amanah.otp.task;

import java.util.Objects;

/**
 * Options of {@link TaskSupervisor#startChild(dev.amanah.otp.ProcessBody, ChildOptions)}: OTP's
 * {@code restart} and {@code shutdown} for one child.
 *
 * @param restart  when the supervisor restarts the child; default {@link Restart#TEMPORARY}
 *                 (never), as for every task
 * @param shutdown how the supervisor stops it (on {@code terminateChild} or its own shutdown);
 *                 default {@link Shutdown#DEFAULT}, 5 seconds
 */
public record ChildOptions(Restart restart, Shutdown shutdown) {
    /** {@link Restart#TEMPORARY} and a 5-second shutdown. */
    public static final ChildOptions DEFAULT = new ChildOptions(Restart.TEMPORARY, Shutdown.DEFAULT);

    public ChildOptions {
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
    }

    /** These options with another restart policy. */
    public ChildOptions withRestart(Restart newRestart) {
        return new ChildOptions(newRestart, shutdown);
    }

    /** These options with another shutdown. */
    public ChildOptions withShutdown(Shutdown newShutdown) {
        return new ChildOptions(restart, newShutdown);
    }
}
