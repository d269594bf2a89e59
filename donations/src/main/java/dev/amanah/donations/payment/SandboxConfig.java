package dev.amanah.donations.payment;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the {@link SandboxGateway} behaves. Every random choice (latency, failures) is drawn from
 * {@code seed}, the idempotency key and the attempt number for that key, so the same requests give
 * the same outcomes whatever the order in which concurrent callers arrive.
 *
 * <p>Failure rates are in per mille of attempts (integers, so no floating point decides anything)
 * and must sum to at most 1000:
 * <ul>
 *   <li>{@code timeoutPerMille}: the provider never acts and the call times out after
 *       {@code maxLatency} ({@link TransientCause#TIMEOUT}, nothing recorded);</li>
 *   <li>{@code serverErrorPerMille}: the provider answers 5xx without acting
 *       ({@link TransientCause#SERVER_ERROR}, nothing recorded);</li>
 *   <li>{@code lostResponsePerMille}: the provider acts and records the outcome, but the answer is
 *       lost ({@link TransientCause#TIMEOUT}): the case idempotency keys exist for.</li>
 * </ul>
 *
 * @param seed                 the seed of every random draw
 * @param minLatency           the shortest simulated latency of a call
 * @param maxLatency           the longest; also how long a timeout takes
 * @param declineRules         checked in order, the first match declines; see {@link #STANDARD_DECLINES}
 * @param timeoutPerMille      attempts that time out before the provider acts
 * @param serverErrorPerMille  attempts that fail with a server error before the provider acts
 * @param lostResponsePerMille attempts whose outcome is recorded but whose answer is lost
 * @param fsync                force every journal record to the disk before answering (survives a
 *                             power loss); false still survives a {@code kill -9} of the JVM, since
 *                             written bytes are in the operating system's cache
 */
public record SandboxConfig(long seed, Duration minLatency, Duration maxLatency, List<DeclineRule> declineRules,
                            int timeoutPerMille, int serverErrorPerMille, int lostResponsePerMille, boolean fsync) {

    /**
     * The test-mode conventions of the sandbox: tokens starting {@code tok_insufficient_funds},
     * {@code tok_declined}, {@code tok_expired} or {@code tok_fraud} are declined with
     * {@code INSUFFICIENT_FUNDS}, {@code CARD_DECLINED}, {@code EXPIRED_CARD} and
     * {@code SUSPECTED_FRAUD}; recipients starting {@code acct_rejected} with
     * {@code RECIPIENT_REJECTED}. Every other token and recipient succeeds, but for the tokens the
     * sandbox does not know ({@code tok_unknown...}), declined {@code UNKNOWN_PAYMENT_METHOD} whatever the rules.
     */
    public static final List<DeclineRule> STANDARD_DECLINES = List.of(
            new DeclineRule.TokenMatches("tok_insufficient_funds.*", DeclineReason.INSUFFICIENT_FUNDS),
            new DeclineRule.TokenMatches("tok_declined.*", DeclineReason.CARD_DECLINED),
            new DeclineRule.TokenMatches("tok_expired.*", DeclineReason.EXPIRED_CARD),
            new DeclineRule.TokenMatches("tok_fraud.*", DeclineReason.SUSPECTED_FRAUD),
            new DeclineRule.RecipientMatches("acct_rejected.*", DeclineReason.RECIPIENT_REJECTED));

    /**
     * The defaults: seed 0, latency 5 to 50 ms, the {@link #STANDARD_DECLINES}, 5 per mille each
     * of timeouts, server errors and lost answers, fsync on.
     */
    public static final SandboxConfig DEFAULTS = new SandboxConfig(0, Duration.ofMillis(5), Duration.ofMillis(50),
            STANDARD_DECLINES, 5, 5, 5, true);

    /**
     * For tests: no latency, no transient failures, the standard declines, no fsync.
     */
    public static final SandboxConfig RELIABLE = new SandboxConfig(0, Duration.ZERO, Duration.ZERO,
            STANDARD_DECLINES, 0, 0, 0, false);

    /** @throws IllegalArgumentException {@code invalid_sandbox_config: ...} */
    public SandboxConfig {
        Objects.requireNonNull(minLatency, "minLatency");
        Objects.requireNonNull(maxLatency, "maxLatency");
        declineRules = List.copyOf(declineRules);
        if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("invalid_sandbox_config: latency must be 0 <= min <= max, was "
                    + minLatency + ".." + maxLatency);
        }
        if (timeoutPerMille < 0 || serverErrorPerMille < 0 || lostResponsePerMille < 0
                || timeoutPerMille + serverErrorPerMille + lostResponsePerMille > 1000) {
            throw new IllegalArgumentException("invalid_sandbox_config: failure rates must be >= 0 per mille and sum to <= 1000, were "
                    + timeoutPerMille + ", " + serverErrorPerMille + ", " + lostResponsePerMille);
        }
    }

    /** This configuration with another seed. */
    public SandboxConfig withSeed(long seed) {
        return new SandboxConfig(seed, minLatency, maxLatency, declineRules, timeoutPerMille, serverErrorPerMille,
                lostResponsePerMille, fsync);
    }

    /** This configuration with another latency range. */
    public SandboxConfig withLatency(Duration min, Duration max) {
        return new SandboxConfig(seed, min, max, declineRules, timeoutPerMille, serverErrorPerMille,
                lostResponsePerMille, fsync);
    }

    /** This configuration with other failure rates (per mille). */
    public SandboxConfig withFailures(int timeoutPerMille, int serverErrorPerMille, int lostResponsePerMille) {
        return new SandboxConfig(seed, minLatency, maxLatency, declineRules, timeoutPerMille, serverErrorPerMille,
                lostResponsePerMille, fsync);
    }

    /** This configuration with other decline rules. */
    public SandboxConfig withDeclineRules(List<DeclineRule> rules) {
        return new SandboxConfig(seed, minLatency, maxLatency, rules, timeoutPerMille, serverErrorPerMille,
                lostResponsePerMille, fsync);
    }

    /** This configuration with fsync on or off. */
    public SandboxConfig withFsync(boolean fsync) {
        return new SandboxConfig(seed, minLatency, maxLatency, declineRules, timeoutPerMille, serverErrorPerMille,
                lostResponsePerMille, fsync);
    }
}
