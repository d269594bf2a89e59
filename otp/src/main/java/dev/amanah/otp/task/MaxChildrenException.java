package dev.amanah.otp.task;

import dev.amanah.otp.Pid;

/**
 * A {@link TaskSupervisor} refused to start a child because it has
 * {@link TaskSupervisor.Options#maxChildren()} children already (OTP's
 * {@code {:error, :max_children}}). Nothing was started; retry later or shed the work.
 */
public final class MaxChildrenException extends IllegalStateException {
    private final transient Pid supervisor;
    private final int maxChildren;

    MaxChildrenException(Pid supervisor, int maxChildren, String call) {
        super("task supervisor " + supervisor + " refused " + call + ": it has max_children ("
                + maxChildren + ") children already");
        this.supervisor = supervisor;
        this.maxChildren = maxChildren;
    }

    /** The supervisor that refused. */
    public Pid supervisor() {
        return supervisor;
    }

    /** Its limit. */
    public int maxChildren() {
        return maxChildren;
    }
}
