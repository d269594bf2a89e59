package dev.amanah.otp.pubsub;

/**
 * How long a broadcasting process keeps its carrier: a time slice, not a count of sends.
 *
 * <p>Virtual threads are not preempted, and the runtime does not count sends toward a process's
 * slice, so without this a process broadcasting in a loop would hold its carrier for as long as
 * it broadcasts. Yielding after a fixed number of sends (as the BEAM's reductions would) lets each
 * woken subscriber run, take one event and park again before the next event is sent: a
 * 10,000-subscriber fan-out ran three to six times slower that way. So a broadcaster yields only
 * once {@link #NANOS} have passed since it last did: its subscribers find many events queued
 * when they run, and drain them in one wake-up.
 *
 * <p>Guarantee: a process that broadcasts without ever waiting yields its carrier within
 * {@link #NANOS} plus {@link #CHECK_EVERY} sends (or broadcasts, if they reach nobody) of its
 * previous yield. The clock is read once per {@link #CHECK_EVERY} units, not per send.
 * One per thread; used by its own thread only.
 */
final class BroadcastSlice {
    /**
     * The slice: long by the BEAM's measure (about a millisecond), because a yield puts the
     * broadcaster behind every subscriber it has woken, and at 10,000 subscribers on a loaded
     * 2-core machine draining them took milliseconds. A 2 ms slice cost 2.5 times the CPU per
     * delivery of no slice (about one wake-up per event again), 20 ms still about 1.5 times; at
     * 100 ms the difference was within the noise. The bound it gives is loose but firm: no
     * broadcaster holds a carrier for ever.
     */
    static final long NANOS = 100_000_000;
    /** Units (sends, and each broadcast itself) between two looks at the clock. */
    static final int CHECK_EVERY = 1 << 10;

    private static final ThreadLocal<BroadcastSlice> CURRENT = ThreadLocal.withInitial(BroadcastSlice::new);

    private int units;
    private long lastYield = System.nanoTime();

    private BroadcastSlice() {
    }

    /** The calling thread's slice. */
    static BroadcastSlice current() {
        return CURRENT.get();
    }

    /** Counts one unit of work (a send, a broadcast); may yield the carrier. */
    void charge() {
        if (++units >= CHECK_EVERY) {
            units = 0;
            long now = System.nanoTime();
            if (now - lastYield >= NANOS) {
                if (Thread.currentThread().isVirtual()) {
                    Thread.yield();
                }
                lastYield = System.nanoTime();
            }
        }
    }
}
