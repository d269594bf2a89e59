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
 * scheduler has no queued work, and then at most {@link #SPINS} pauses (a few microseconds). The
 * JDK checks the carrier's own queue with a package-private method; this class asks the
 * virtual-thread scheduler, found once through its carrier threads, for all its queues with
 * public {@link ForkJoinPool} methods (with 2 carriers, nearly the same question).
 *
 * <p>If the scheduler cannot be found (a JDK whose carriers are not {@link ForkJoinWorkerThread}s
 * of one pool), waits park at once, as before. Platform threads (adopted as processes) never spin:
 * they hold no carrier, but on a machine with as many cores as carriers a spinning platform thread
 * takes a core from them (measured: calls from a plain thread fell from about 1.3-1.8x the floor
 * to 0.6-0.8x).
 *
 * <p>A waiter spins as {@code if (Spin.mayHoldCarrier()) for (int i = Spin.SPINS; i > 0 && !arrived; i--)
 * Thread.onSpinWait();} before it publishes itself and parks (written out at each wait, so that
 * no lambda is allocated per wait). Thread-safe; never blocks.
 */
final class Spin {
    /** Pauses before parking: about as long as a message takes to go and come back across carriers. */
    static final int SPINS = 1 << 7;

    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";
    private static volatile ForkJoinPool scheduler;
    private static volatile boolean searched;

    private Spin() {
    }

    /** Whether a waiter may spin: the scheduler has nothing queued that the carrier could run. */
    static boolean mayHoldCarrier() {
        if (!Thread.currentThread().isVirtual()) {
            return false;
        }
        var pool = scheduler();
        return pool != null && pool.getQueuedTaskCount() == 0 && !pool.hasQueuedSubmissions();
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
