package dev.amanah.otp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Wakes a thread when its timed wait runs out, without a timer per wait. A virtual thread's
 * {@code LockSupport.parkNanos} schedules a timer task in the JDK's scheduler and cancels it
 * when the wait ends early, waking the scheduler's thread both times; a 5-second
 * {@code GenServer.call} answered in microseconds paid for both, which made calls two to three
 * times slower than untimed waits.
 *
 * <p>Each waiting thread owns one alarm, reused for all its waits: {@link #arm} is a volatile
 * write of the deadline, and the alarm is filed in a timing wheel (slots of one {@link #TICK})
 * only when it is in no slot already. Filing is lazy: an alarm whose deadline moved later while it
 * sat in a slot is filed again when that slot comes up, one whose wait ended is dropped then. A
 * process that makes call after call with the same timeout thus files its alarm about once per
 * timeout period. A deadline earlier than the slot its alarm sits in, or less than two ticks
 * away, is not served by the wheel: {@link #arm} says so and that wait parks with a timeout.
 *
 * <p>One daemon platform thread sweeps the slots as they fall due and sleeps until the next
 * non-empty one, or until a filing needs an earlier slot. A wake-up may come a tick or a
 * scheduling delay late, never early: the sweeper wakes a thread only once its deadline has
 * passed, and waiters check the clock themselves. A wake-up may also be spurious (for a deadline
 * that no longer applies), which every wait loop tolerates, as {@link LockSupport} allows.
 */
final class Alarm {
    /** The wheel's resolution. */
    static final long TICK = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int SLOTS = 4096; // a power of two: about four seconds of ticks
    private static final long NOT_FILED = -1;
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final long ORIGIN = System.nanoTime();
    private static final AtomicReferenceArray<Alarm> WHEEL = new AtomicReferenceArray<>(SLOTS);
    private static final VarHandle FILED_TICK;
    private static final VarHandle DEADLINE;
    /** The last tick whose slot the sweeper has taken; it only grows. */
    private static volatile long sweptTick;
    /** The tick the sweeper sleeps until; {@link Long#MAX_VALUE} while it is awake or idle. */
    private static volatile long sleepingUntilTick = Long.MAX_VALUE;
    private static final Thread SWEEPER;

    static {
        try {
            var lookup = MethodHandles.lookup();
            FILED_TICK = lookup.findVarHandle(Alarm.class, "filedTick", long.class);
            DEADLINE = lookup.findVarHandle(Alarm.class, "deadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        SWEEPER = Thread.ofPlatform().daemon().name("amanah-alarms").start(Alarm::sweep);
    }

    /** The thread to wake; null once it has ended ({@link #release}), so a filed alarm keeps nothing alive. */
    private volatile Thread owner;
    /** The {@link System#nanoTime()} at which to wake {@link #owner}, or {@link #NO_DEADLINE}. */
    private volatile long deadline = NO_DEADLINE;
    /** The tick of the slot this alarm is in, or {@link #NOT_FILED}. */
    private volatile long filedTick = NOT_FILED;
    /** The next alarm in the same slot; written before the alarm is pushed, read by the sweeper. */
    private Alarm next;

    /** An alarm for the calling thread. */
    Alarm() {
        this.owner = Thread.currentThread();
    }

    /**
     * Asks to be woken at {@code deadline} (a {@link System#nanoTime()} value). Returns true if
     * the wheel will wake the owner by then, so it may park without a timeout; false if it must
     * park with one. Owner thread only; call {@link #disarm()} when the wait ends.
     */
    boolean arm(long deadline) {
        this.deadline = deadline;
        long due = ceilingTick(deadline);
        long filed = filedTick;
        if (filed == NOT_FILED) {
            if (due <= sweptTick + 1) {
                return false; // too close: the sweeper may pass its slot before we are in it
            }
            if (FILED_TICK.compareAndSet(this, NOT_FILED, due)) {
                push(this, due, true);
                filed = due;
            } else {
                filed = filedTick; // the sweeper filed it again meanwhile
            }
        }
        // Read after filing: a slot already swept would be seen again only a wheel turn later.
        return filed != NOT_FILED && filed <= due && filed > sweptTick;
    }

    /** The wait ended. A sweep that still sees the old deadline gives at most a spurious wake-up. */
    void disarm() {
        DEADLINE.setRelease(this, NO_DEADLINE);
    }

    /**
     * The owner has ended and will never arm again. The alarm may still sit in the wheel until its
     * last deadline (a 30-second call answered at once files it 30 seconds ahead); without this it
     * would keep the ended thread, and the process around it, reachable until then. The sweeper
     * drops a released alarm when its slot comes up.
     */
    void release() {
        deadline = NO_DEADLINE;
        owner = null;
    }

    private static long ceilingTick(long nanoTime) {
        return Math.floorDiv(nanoTime - ORIGIN + TICK - 1, TICK);
    }

    /** Puts {@code alarm} in the slot of {@code tick}; {@code signal} unless the sweeper itself does it. */
    private static void push(Alarm alarm, long tick, boolean signal) {
        int slot = (int) (tick & (SLOTS - 1));
        Alarm head;
        do {
            head = WHEEL.get(slot);
            alarm.next = head;
        } while (!WHEEL.compareAndSet(slot, head, alarm));
        if (signal && tick < sleepingUntilTick) {
            LockSupport.unpark(SWEEPER);
        }
    }

    private static void sweep() {
        for (;;) {
            long now = System.nanoTime();
            long nowTick = Math.floorDiv(now - ORIGIN, TICK);
            for (long tick = sweptTick + 1; tick <= nowTick; tick++) {
                sweptTick = tick; // before taking the slot: see the last line of arm
                var alarm = WHEEL.getAndSet((int) (tick & (SLOTS - 1)), null);
                while (alarm != null) {
                    var following = alarm.next;
                    ring(alarm, tick, now);
                    alarm = following;
                }
            }
            long wake = nextFiledTick(nowTick);
            sleepingUntilTick = wake;
            if (wake == Long.MAX_VALUE) {
                LockSupport.park();
            } else {
                LockSupport.parkNanos(ORIGIN + wake * TICK - System.nanoTime());
            }
            sleepingUntilTick = Long.MAX_VALUE;
        }
    }

    /** Handles {@code alarm}, just taken from the slot of {@code tick}. */
    private static void ring(Alarm alarm, long tick, long now) {
        var owner = alarm.owner;
        if (owner == null) {
            return; // released: dropped from the wheel for good
        }
        long filed = alarm.filedTick;
        if (filed > tick) {
            push(alarm, filed, false); // due in a later turn of the wheel
            return;
        }
        alarm.filedTick = NOT_FILED; // from here on, arm may file it itself
        long deadline = alarm.deadline;
        if (deadline == NO_DEADLINE) {
            return;
        }
        if (deadline - now <= 0) {
            LockSupport.unpark(owner);
        } else {
            long due = Math.max(ceilingTick(deadline), tick + 1);
            if (FILED_TICK.compareAndSet(alarm, NOT_FILED, due)) {
                push(alarm, due, false);
            }
        }
    }

    /** The first tick after {@code tick} whose slot holds an alarm, or {@link Long#MAX_VALUE}. */
    private static long nextFiledTick(long tick) {
        for (int i = 1; i <= SLOTS; i++) {
            if (WHEEL.get((int) ((tick + i) & (SLOTS - 1))) != null) {
                return tick + i;
            }
        }
        return Long.MAX_VALUE;
    }
}
