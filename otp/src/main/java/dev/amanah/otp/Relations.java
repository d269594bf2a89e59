package dev.amanah.otp;

import java.util.Arrays;

/**
 * The links and monitors of one process (the owner) that are stored on the other process's side,
 * listed here so that the owner's death and {@link Processes#info} find them: the processes whose
 * link field holds the owner, and the monitors the owner holds (each kept by its monitored
 * process).
 *
 * <p>Why a list and not a concurrent set: a process that starts many linked and monitored
 * children (an owner of tasks) adds an entry per child (one for both the link and the
 * monitor), and the children end on other threads. A concurrent set made each child's start
 * and end update the owner's set and its size counter from two threads at once, a quarter of the
 * cost of a short task. Here adding is an array store,
 * under the owner's lock, which only the owner itself takes in that case; an entry is never
 * removed on its own: when the link is undone or the monitor fires, the entry goes
 * <em>stale</em>, and stale entries are dropped when the array is full, before it grows, and
 * when the owner has demonitored as many monitors as half the entries (as an owner does that
 * awaits its tasks), so that an owner that is done with a burst of tasks does not keep them.
 * Not thread-safe: every method is called under the owner's lock.
 */
final class Relations {
    private static final int MIN_CAPACITY = 4;

    private Object[] entries = new Object[MIN_CAPACITY];
    private int size;
    /** Monitors the owner demonitored since stale entries were last dropped. */
    private int demonitored;

    /** Adds a peer whose link field holds {@code owner}, or a monitor {@code owner} holds. */
    void add(ProcessCell owner, Object entry) {
        if (size == entries.length) {
            dropStale(owner);
            if (size > entries.length / 2) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
        }
        entries[size++] = entry;
    }

    int size() {
        return size;
    }

    /** Counts a monitor the owner demonitored, now stale, and drops the stale entries when they may be half. */
    void demonitored(ProcessCell owner) {
        if (++demonitored > size / 2) {
            dropStale(owner);
            int fitting = Math.max(MIN_CAPACITY, Integer.highestOneBit(size) * 4);
            if (fitting < entries.length) {
                entries = Arrays.copyOf(entries, fitting);
            }
        }
    }

    /** The entry at {@code index}, stale or not; see {@link #stands}. */
    Object get(int index) {
        return entries[index];
    }

    private void dropStale(ProcessCell owner) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            var entry = entries[i];
            if (stands(owner, entry)) {
                entries[kept++] = entry;
            }
        }
        Arrays.fill(entries, kept, size, null);
        size = kept;
        demonitored = 0;
    }

    /**
     * Whether {@code entry} of {@code owner}'s relations still stands: its link or monitor is
     * still there. A monitor entry also stands while its target's link field holds the owner: a
     * child linked and monitored at spawn is listed once, by its monitor (see
     * {@link ProcessCell#relateNewChild}), and its link outlives a demonitor.
     */
    static boolean stands(ProcessCell owner, Object entry) {
        return entry instanceof MonitorRef monitor
                ? monitor.isActive() || monitor.target.linksTo(owner)
                : ((ProcessCell) entry).linksTo(owner);
    }
}
