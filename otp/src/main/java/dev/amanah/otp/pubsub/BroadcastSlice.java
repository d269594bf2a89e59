package dev.amanah.otp.pubsub;

/**
 * How long a broadcasting process keeps its carrier: a time slice, not a count of sends.
 *
 * <p>Virtual threads are not preempted, and the runtime does not count sends toward a process's
 * slice, so without this a process broadcasting in a loop would hold its carrier for as long as
 * it broadcasts. Yielding after a fixed number of sends (as the BEAM's reductions would) lets each
 * woken subscriber run, take one event and park again before the next event is sent: a
 * 10,000-subscriber fan-out ran three to six times slower that way. So a broadcaster yields only
 * after a long time slice and several broadcasts' worth of sends: its subscribers find many events
 * queued when they run, and drain them in one wake-up.
 *
 * <p>Guarantee: a process that broadcasts without ever waiting yields its carrier once both
 * {@link #NANOS} have passed and it has sent {@link #BROADCASTS_PER_SLICE} broadcasts' worth of
 * messages (to its widest topic) since its previous yield, within {@link #CHECK_EVERY} more
 * sends (or broadcasts, if they reach nobody). The clock is read once per {@link #CHECK_EVERY}
 * units, not per send. One per thread; used by its own thread only.
 */
final class BroadcastSlice {
    /**
     * The slice: long by the BEAM's measure (about a millisecond), because a yield puts the
     * broadcaster behind every subscriber it has woken, and at 10,000 subscribers on a loaded
     * 2-core machine draining them took milliseconds. A 2 ms slice cost 2.5 times the CPU per
     * delivery of no slice (about one wake-up per event again), 20 ms still about 1.5 times; at
     * 100 ms the difference was within the noise at 10,000 subscribers (not at 100,000: see
     * {@link #BROADCASTS_PER_SLICE}). The bound it gives is loose but firm: no broadcaster holds
     * a carrier for ever.
     */
    static final long NANOS = 100_000_000;
    /**
     * Broadcasts' worth of sends (to the widest topic since the last yield) a slice holds at
     * least: a yield lets every subscriber woken meanwhile run before the broadcaster goes on,
     * which takes time in proportion to the topic, so on a busy machine a fixed time alone came
     * round before a subscriber had more than an event or two queued (at 100,000 subscribers a
     * 100 ms slice cost about twice the CPU per delivery of none).
     */
    static final int BROADCASTS_PER_SLICE = 8;
    /** Units (sends, and each broadcast itself) between two looks at the clock. */
    static final int CHECK_EVERY = 1 << 10;

    private static final ThreadLocal<BroadcastSlice> CURRENT = ThreadLocal.withInitial(BroadcastSlice::new);

    /** Units since the last look at the clock. */
    private int units;
    /** Sends since the last yield, and the most subscribers a broadcast reached meanwhile. */
    private long sentSinceYield;
    private int widest;
    private long lastYield = System.nanoTime();

    private BroadcastSlice() {
    }

    /** The calling thread's slice. */
    static BroadcastSlice current() {
        return CURRENT.get();
    }

    /** Counts one broadcast that reached {@code subscribers}; the sends themselves are {@link #charge()}d. */
    void broadcast(int subscribers) {
        widest = Math.max(widest, subscribers);
        charge();
    }

    /** Counts one unit of work (a send, a broadcast); may yield the carrier. */
    void charge() {
        sentSinceYield++;
        if (++units >= CHECK_EVERY) {
            units = 0;
            long now = System.nanoTime();
            if (now - lastYield >= NANOS && sentSinceYield >= (long) BROADCASTS_PER_SLICE * widest) {
                if (Thread.currentThread().isVirtual()) {
                    Thread.yield();
                }
                lastYield = System.nanoTime();
                sentSinceYield = 0;
                widest = 0;
            }
        }
    }
}
