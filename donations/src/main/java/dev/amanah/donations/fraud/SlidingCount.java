package dev.amanah.donations.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Events in a sliding window: their times, oldest first, at most {@code cap} of them (a count
 * that reached the deny threshold needs no more). Owned by one thread.
 */
final class SlidingCount {
    private final ArrayDeque<Instant> times = new ArrayDeque<>();
    private final Duration window;
    private final int cap;

    SlidingCount(Duration window, int cap) {
        this.window = window;
        this.cap = cap;
    }

    void add(Instant at) {
        times.addLast(at);
        if (times.size() > cap) {
            times.removeFirst();
        }
    }

    /** Events in {@code (now - window, now]}, at most the cap. */
    int count(Instant now) {
        var horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
        return times.size();
    }
}
