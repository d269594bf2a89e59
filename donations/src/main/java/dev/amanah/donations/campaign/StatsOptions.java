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
 */
public record StatsOptions(Duration rateWindow, Duration dedupeHorizon, Duration callTimeout) {

    /** A one-minute rate window, a one-minute dedupe horizon, a one-second query timeout. */
    public static final StatsOptions DEFAULTS = new StatsOptions(Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofSeconds(1));

    /** @throws IllegalArgumentException {@code invalid_stats_options: ...} */
    public StatsOptions {
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(dedupeHorizon, "dedupeHorizon");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (rateWindow.toSeconds() < 1 || dedupeHorizon.isNegative() || callTimeout.isNegative()) {
            throw new IllegalArgumentException("invalid_stats_options: rateWindow >= 1 s and non-negative durations expected, were "
                    + rateWindow + ", " + dedupeHorizon + ", " + callTimeout);
        }
    }
}
