package dev.amanah.otp;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The brief spin a process does before it parks to wait, and only when nobody else needs the
 * carrier.
 *
 * <p>Parking a virtual thread and unparking it again costs a few microseconds on each side (the
 * waker submits the continuation to the scheduler, the waiter is unmounted and mounted again): in
 * ping-pong or a call that is most of the work. When the answer is a microsecond away on the other
 * carrier, spinning for it is much cheaper, and the waker, finding nobody parked, skips the unpark.
 * But a spinning virtual thread holds its carrier: if the process it waits for is queued on that
 * carrier, spinning only delays it (a blind spin made ping-pong five times slower). So, as the
 * JDK's {@code LinkedTransferQueue} does on virtual threads, a waiter spins only when the
 * scheduler has no queued work, or once its one queued task has been taken by another carrier
 * within {@link #TAKE_NANOS} (see {@code Mailbox.waitStart}). The JDK checks the carrier's own
 * queue with a package-private method; this class asks the virtual-thread scheduler, found once
 * through its carrier threads, for all its queues with public {@link ForkJoinPool} methods (with 2
 * carriers, nearly the same question).
 *
 * <p>How long: at most {@link #SPIN_NANOS} of wall time, not a count of pauses. The JDK's queue
 * spins 128 {@link Thread#onSpinWait()}s, sized for CPUs whose pause takes 100+ cycles; on the
 * 2-vCPU Xeon (Sapphire Rapids class, KVM) the benchmarks run on, 128 pauses take 1.5-2.1 us at
 * best (3-6 us mean under load), while a round trip between the two processes, when both spin,
 * takes 0.7-1 us and any hiccup of the peer (a collection, its carrier descheduled for a moment)
 * exceeds that. A spin that ends fruitless parks the waiter, and the peer's next send then
 * unparks it onto the peer's own carrier: both processes fall back to trading one carrier by
 * park and unpark, and stay there until a steal by the other carrier lets them both spin again.
 * Measured in one JVM, alternating (a scratch driver, 200k round trips per sample, a loaded
 * machine): 512 pauses (about 6 us here) against 128 gave ping-pong medians of 861k, 823k and
 * 842k round trips/s against 696k, 724k and 759k, and one client's {@code GenServer.call} 633k,
 * 633k and 750k against 446k, 647k and 571k. A budget in time keeps that length on CPUs with a
 * slower pause, where 512 pauses would be 25 us or more.
 *
 * <p>If the scheduler cannot be found (a JDK whose carriers are not {@link ForkJoinWorkerThread}s
 * of one pool), waits park at once, as before. Platform threads (adopted as processes) never spin:
 * they hold no carrier, but on a machine with as many cores as carriers a spinning platform thread
 * takes a core from them (measured: calls from a plain thread fell from about 1.3-1.8x the floor
 * to 0.6-0.8x).
 *
 * <p>The two waits that spin, {@code Mailbox.awaitArrival} and {@link PendingCall#spinForOutcome},
 * write the loop out (no lambda allocated per wait): a pause, a look, and a look at the clock
 * every {@link #PAUSES_PER_CLOCK} pauses. Thread-safe; never blocks.
 */
final class Spin {
    /** The longest a waiter spins before it parks, in nanoseconds; see the class comment. */
    static final long SPIN_NANOS = 6_000;
    /** Pauses between two reads of the clock while spinning (a power of two): about 0.4 us here. */
    static final int PAUSES_PER_CLOCK = 1 << 5;

    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";
    private static volatile ForkJoinPool scheduler;
    private static volatile boolean searched;

    private Spin() {
    }

    /** Whether a spin that began at {@code start} ({@link System#nanoTime()}) has used its budget. */
    static boolean spent(long start) {
        return System.nanoTime() - start >= SPIN_NANOS;
    }

    /**
     * Whether a virtual thread should let its carrier go at the end of its slice: the scheduler
     * has queued work, or cannot be asked. With nothing queued, a yield only costs the yielder an
     * unmount and a mount, and puts it in the scheduler's submission queue meanwhile, where a
     * peer that asks {@link #queuedForWaiter()} at that moment sees work queued and parks instead of
     * spinning; see {@link ProcessCell#charge()}. False on a platform thread.
     */
    static boolean othersMayNeedCarrier() {
        if (!Thread.currentThread().isVirtual()) {
            return false;
        }
        var pool = scheduler();
        return pool == null || !nothingQueued(pool);
    }

    /**
     * The tasks a virtual thread finds queued in the scheduler (its carriers' queues and its
     * submission queues together); see {@link ProcessCell#chargeSpawn()}. Zero on a platform
     * thread, which the operating system preempts, so that it never yields for a spawn;
     * {@link Long#MAX_VALUE} if the scheduler cannot be asked. A scan of the queues, each read
     * once: a snapshot, not exact while they change.
     */
    static long queued() {
        if (!Thread.currentThread().isVirtual()) {
            return 0;
        }
        var pool = scheduler();
        return pool == null ? Long.MAX_VALUE : pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
    }

    /**
     * The longest a waiter holds its carrier while exactly one task is queued, waiting for another
     * carrier to take it; see {@link #queuedForWaiter()}.
     */
    static final long TAKE_NANOS = 2_000;
    /** Pauses between two looks at the scheduler while a queued task is not yet taken. */
    static final int PAUSES_PER_LOOK = 1 << 3;

    /** What a waiter sees queued in the scheduler: the answer of {@link #queuedForWaiter()}. */
    enum Queued {
        /** Nothing queued. */
        NONE,
        /** One task queued and no submission waiting. */
        ONE,
        /** More, or the scheduler cannot be asked, or the waiter is a platform thread. */
        BUSY
    }

    /**
     * What a waiter on a virtual thread sees queued: {@link Queued#NONE} (it may spin),
     * {@link Queued#ONE} (the task is most often the peer this waiter has just woken, pushed on
     * its own carrier's queue, while the idle carrier, signalled at that unpark, is on its way to
     * take it), or {@link Queued#BUSY}. Platform threads always read BUSY.
     */
    static Queued queuedForWaiter() {
        if (!Thread.currentThread().isVirtual()) {
            return Queued.BUSY;
        }
        var pool = scheduler();
        if (pool == null || pool.hasQueuedSubmissions()) {
            return Queued.BUSY;
        }
        long queued = pool.getQueuedTaskCount();
        return queued == 0 ? Queued.NONE : queued == 1 ? Queued.ONE : Queued.BUSY;
    }

    /** Whether the scheduler now has nothing queued; only after {@link #queuedForWaiter()} found it. */
    static boolean nothingQueued() {
        return nothingQueued(scheduler);
    }

    /** Whether a wait that began at {@code start} to see a queued task taken has used its time. */
    static boolean takeSpent(long start) {
        return System.nanoTime() - start >= TAKE_NANOS;
    }

    /** Whether {@code pool} has no task queued in any carrier's queue and no submission waiting. */
    private static boolean nothingQueued(ForkJoinPool pool) {
        return pool.getQueuedTaskCount() == 0 && !pool.hasQueuedSubmissions();
    }

    /** The virtual-thread scheduler, searched for once, from a virtual thread (whose carrier exists then). */
    private static ForkJoinPool scheduler() {
        if (!searched && Thread.currentThread().isVirtual()) {
            synchronized (Spin.class) {
                if (!searched) {
                    scheduler = find();
                    searched = true;
                }
            }
        }
        return scheduler;
    }

    private static ForkJoinPool find() {
        for (var thread : Thread.getAllStackTraces().keySet()) {
            if (thread instanceof ForkJoinWorkerThread carrier && thread.getClass().getName().equals(CARRIER_CLASS)) {
                return carrier.getPool();
            }
        }
        return null;
    }
}
