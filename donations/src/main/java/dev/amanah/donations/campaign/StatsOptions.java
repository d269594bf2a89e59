package dev.amanah.donations.campaign;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the campaign statistics.
 *
 * @param rateWindow    the window of {@link CampaignStats#ratePerMinute()}, at least one second,
 *                      counted in one-second buckets
 * @param dedupeHorizon how long a donation's or refund's id is remembered, to ignore a second
 *                      event for it
 * @param callTimeout   how long {@link CampaignStatsService#stats} waits for the server's answer
 * @param maxRememberedIds the most ids a campaign's server remembers for the dedupe, newest kept:
 *                      bounds its memory when events come faster than this many per horizon
 */
public record StatsOptions(Duration rateWindow, Duration dedupeHorizon, Duration callTimeout, int maxRememberedIds) {

    /**
     * A one-minute rate window, a one-minute dedupe horizon, a one-second query timeout, at most
     * 100,000 remembered ids per campaign (about 15 MB).
     */
    public static final StatsOptions DEFAULTS = new StatsOptions(Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofSeconds(1), 100_000);

    /** @throws IllegalArgumentException {@code invalid_stats_options: ...} */
    public StatsOptions {
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(dedupeHorizon, "dedupeHorizon");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (rateWindow.toSeconds() < 1 || dedupeHorizon.isNegative() || callTimeout.isNegative() || maxRememberedIds < 1) {
            throw new IllegalArgumentException("invalid_stats_options: rateWindow >= 1 s, non-negative durations and maxRememberedIds >= 1 expected, were "
                    + rateWindow + ", " + dedupeHorizon + ", " + callTimeout + ", " + maxRememberedIds);
        }
    }

    /** Options remembering at most 100,000 ids, as {@link #DEFAULTS}. */
    public StatsOptions(Duration rateWindow, Duration dedupeHorizon, Duration callTimeout) {
        this(rateWindow, dedupeHorizon, callTimeout, 100_000);
    }
}
