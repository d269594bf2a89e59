package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One monitor, which is also the ref that names it: the watcher, the monitored process and
 * whether the monitor still stands. The watcher's {@code demonitor} finds it through the ref it
 * holds, and the monitored process keeps it among its watchers, so neither side needs a table
 * from refs to monitors.
 *
 * <p>The state decides, once, between the two ends of a monitor: the monitored process's death
 * delivers a {@link Down} only if it takes the monitor while it is active
 * ({@link #startDelivery()}), and {@code demonitor} or the watcher's death remove it only if they
 * take it first ({@link #remove()}, {@link #tryRemove()}). So exactly one Down is sent, or none
 * after a successful {@code demonitor}. Thread-safe.
 */
final class MonitorRef extends Ref {
    private static final int ACTIVE = 0;
    /** The monitored process's death took the monitor and is enqueueing its Down. */
    private static final int DELIVERING = 1;
    private static final int FIRED = 2;
    private static final int REMOVED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(MonitorRef.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ProcessCell watcher;
    final ProcessCell target;
    private volatile int state;

    MonitorRef(ProcessCell watcher, ProcessCell target) {
        this.watcher = watcher;
        this.target = target;
    }

    /** Whether the monitor still stands: neither fired nor removed. */
    boolean isActive() {
        return state == ACTIVE;
    }

    /** For the monitored process's death: true if this caller is to deliver the Down. */
    boolean startDelivery() {
        return STATE.compareAndSet(this, ACTIVE, DELIVERING);
    }

    /**
     * Called by whoever {@link #startDelivery() started} the delivery, once the Down is enqueued
     * (or dropped). A release store: whoever reads {@code FIRED} (a volatile read) sees the Down
     * enqueued, and the delivering process, which is ending, reads nothing that depends on it.
     */
    void delivered() {
        STATE.setRelease(this, FIRED);
    }

    /**
     * For {@code demonitor}: true if the monitor was removed before it fired, so no Down will
     * come. False if it had fired or was removed already; a Down being enqueued right now is
     * waited for (a few instructions), so that on return any Down of it is in the mailbox.
     */
    boolean remove() {
        for (int spins = 0; ; spins++) {
            int now = state;
            if (now == ACTIVE) {
                if (STATE.compareAndSet(this, ACTIVE, REMOVED)) {
                    return true;
                }
            } else if (now != DELIVERING) {
                return false;
            } else if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** For the watcher's death: removes the monitor if it is active; never waits. */
    boolean tryRemove() {
        return STATE.compareAndSet(this, ACTIVE, REMOVED);
    }
}
