package dev.amanah.donations.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * Distinct values seen in a sliding window (say, the cards used from one address): each value with
 * the last time it was seen, least recently seen first, at most {@code cap} of them. Owned by one
 * thread.
 */
final class SlidingDistinct {
    private final LinkedHashMap<String, Instant> lastSeen = new LinkedHashMap<>();
    private final Duration window;
    private final int cap;

    SlidingDistinct(Duration window, int cap) {
        this.window = window;
        this.cap = cap;
    }

    void add(String value, Instant at) {
        lastSeen.remove(value);  // re-inserted at the end: the order is by last sighting
        lastSeen.put(value, at);
        if (lastSeen.size() > cap) {
            lastSeen.pollFirstEntry();
        }
    }

    /** Distinct values seen in {@code (now - window, now]}, at most the cap. */
    int count(Instant now) {
        var horizon = now.minus(window);
        while (!lastSeen.isEmpty() && !lastSeen.firstEntry().getValue().isAfter(horizon)) {
            lastSeen.pollFirstEntry();
        }
        return lastSeen.size();
    }
}
