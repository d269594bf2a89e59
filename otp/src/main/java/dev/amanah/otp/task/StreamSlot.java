package dev.amanah.otp.task;

import dev.amanah.otp.Pid;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One element of an async stream on its way through: its input, its task, and its outcome.
 *
 * <p>In a linked stream the element's task and the stream's monitor race to finish the slot:
 * the task when its function returns, the monitor when the task overruns its timeout or ends
 * without a result. {@link #finish} lets exactly one of them win, and only the winner's side
 * hands the slot to the consumer. The task's side hands a returned slot over once the task is
 * dead, from its exit hook or, if it was killed while its function ran, from its body;
 * {@link #claimHandOver} lets exactly one of those two do it.
 */
final class StreamSlot {
    /** The value of a task that has not returned. */
    static final Object NONE = new Object();
    /** {@link #deadline} of a task that has not started running. */
    static final long UNSTARTED = Long.MIN_VALUE;

    static final int RUNNING = 0;
    /** The task returned: its side hands the slot over once it is dead. */
    static final int RETURNED = 1;
    /** The task ended without a result, or overran: the monitor hands the slot over. */
    static final int ENDED = 2;
    /** The task returned and its side has handed the slot over. */
    private static final int HANDED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StreamSlot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Object input;
    /** Written by the element's task when its function returns (supervised streams: last thing before it ends). */
    volatile Object value = NONE;
    /** The element's result, written by whoever finished the slot before handing it over. */
    volatile TaskResult<?> outcome;
    /** The task's process; in a linked stream written by the consumer and by the task itself. */
    volatile Pid pid;
    /** When the task's timeout expires ({@link Timeouts#NEVER} for none); {@link #UNSTARTED} before it runs. */
    volatile long deadline = UNSTARTED;
    private volatile int state;
    // Monitor process only (supervised streams).
    boolean timedOut;
    // Consumer only (linked streams).
    int ringIndex;

    StreamSlot(Object input) {
        this.input = input;
    }

    /** Linked streams: moves the slot from running to {@code to}; false if someone else finished it. */
    boolean finish(int to) {
        return STATE.compareAndSet(this, RUNNING, to);
    }

    boolean isRunning() {
        return state == RUNNING;
    }

    /** Linked streams: whether the task returned and its slot is not handed over yet. */
    boolean isReturned() {
        return state == RETURNED;
    }

    /** Linked streams: moves a returned slot to handed over; false if it was handed over already. */
    boolean claimHandOver() {
        return STATE.compareAndSet(this, RETURNED, HANDED);
    }
}
