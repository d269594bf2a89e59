package dev.amanah.donations.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * Events per minute over a sliding window, counted in one-second buckets (a ring of as many
 * buckets as the window has seconds), so memory is fixed however fast donations come. Owned by one
 * process.
 */
final class RateWindow {
    private final int seconds;
    private final long[] counts;
    private final long[] bucketSecond;

    RateWindow(Duration window) {
        this.seconds = Math.toIntExact(window.toSeconds());
        this.counts = new long[seconds];
        this.bucketSecond = new long[seconds];
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    /** Counts an event at {@code at}; ignored if already out of the window, clamped to now if in the future. */
    void add(Instant at, Instant now) {
        long second = Math.min(at.getEpochSecond(), now.getEpochSecond());
        if (second <= now.getEpochSecond() - seconds) {
            return;
        }
        int index = (int) Math.floorMod(second, (long) seconds);
        if (bucketSecond[index] != second) {
            bucketSecond[index] = second;
            counts[index] = 0;
        }
        counts[index]++;
    }

    /** Events in the window ending now, scaled to one minute. */
    BigDecimal perMinute(Instant now) {
        long current = now.getEpochSecond();
        long total = 0;
        for (int i = 0; i < seconds; i++) {
            if (bucketSecond[i] > current - seconds && bucketSecond[i] <= current) {
                total += counts[i];
            }
        }
        return BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(60))
                .divide(BigDecimal.valueOf(seconds), 2, RoundingMode.DOWN);
    }
}
