package dev.amanah.donations.distribution;

import dev.amanah.finance.fund.DistributionRules;
import java.time.Duration;
import java.util.Objects;

/**
 * How distributions are paid.
 *
 * @param maxConcurrency payouts in flight at once per run (at least 1): the bound on concurrent gateway calls
 * @param payoutTimeout  how long one payout (its retries included) may take before its task is killed
 *                       and the payout left for the next run (its key makes that safe)
 * @param rules          the organisation's rules (the administrators' cap)
 */
public record DistributionOptions(int maxConcurrency, Duration payoutTimeout, DistributionRules rules) {
    /** Default: 8 at once, 30 s per payout, the default rules. */
    public static final DistributionOptions DEFAULTS = new DistributionOptions(8, Duration.ofSeconds(30), DistributionRules.defaults());

    /** @throws IllegalArgumentException for a concurrency below 1 or a non-positive timeout */
    public DistributionOptions {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        if (payoutTimeout.isNegative() || payoutTimeout.isZero()) {
            throw new IllegalArgumentException("payoutTimeout must be positive, was " + payoutTimeout);
        }
        Objects.requireNonNull(rules, "rules");
    }

    /** These options with another concurrency bound. */
    public DistributionOptions withMaxConcurrency(int newMaxConcurrency) {
        return new DistributionOptions(newMaxConcurrency, payoutTimeout, rules);
    }
}
