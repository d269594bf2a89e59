package dev.amanah.otp.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The permission for one task to send its one reply, standing in for the OTP process alias that
 * {@code Task} replies to. The task {@linkplain #commit() commits} before it sends; the owner
 * {@linkplain #close() closes} when it stops waiting. Whoever comes first wins, so either the
 * reply is on its way (and the owner, seeing the commit, waits for it) or it is never sent: a
 * late reply never lands in the owner's mailbox.
 *
 * <p>After a commit the task runs no user code: it leaves its reply, sent as it ends, and returns.
 * So an owner that finds the alias committed may wait for the reply, or the task's {@code Down},
 * without a timeout.
 */
final class ReplyAlias {
    private static final int OPEN = 0;
    private static final int COMMITTED = 1;
    private static final int CLOSED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ReplyAlias.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A field, not an AtomicInteger: one object less per task. */
    private volatile int state;

    private ReplyAlias(int state) {
        this.state = state;
    }

    static ReplyAlias open() {
        return new ReplyAlias(OPEN);
    }

    /** An alias whose reply was already sent, for {@link Task#completed}. */
    static ReplyAlias committed() {
        return new ReplyAlias(COMMITTED);
    }

    /** Task side: true if the reply may be sent; false if the owner stopped waiting. */
    boolean commit() {
        return STATE.compareAndSet(this, OPEN, COMMITTED);
    }

    /** Owner side: true if no reply will ever be sent; false if one was committed. */
    boolean close() {
        return STATE.compareAndSet(this, OPEN, CLOSED) || state == CLOSED;
    }
}
