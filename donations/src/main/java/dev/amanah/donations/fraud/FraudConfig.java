package dev.amanah.donations.fraud;

import dev.amanah.finance.money.Money;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fraud check's thresholds and windows, and its memory bound.
 *
 * <p>Defaults ({@link #DEFAULTS}), aimed at card testing while a real donor who retries a few
 * times, or a family sharing one address, passes:
 * <table>
 *   <caption>default limits</caption>
 *   <tr><th>rule</th><th>window</th><th>review at</th><th>deny at</th></tr>
 *   <tr><td>CARD_ATTEMPTS</td><td>10 min</td><td>5</td><td>10</td></tr>
 *   <tr><td>CARD_DECLINES</td><td>1 h</td><td>2</td><td>4</td></tr>
 *   <tr><td>IP_ATTEMPTS</td><td>10 min</td><td>20</td><td>50</td></tr>
 *   <tr><td>IP_SMALL_ATTEMPTS</td><td>10 min</td><td>5</td><td>10</td></tr>
 *   <tr><td>IP_DISTINCT_CARDS</td><td>1 h</td><td>4</td><td>6</td></tr>
 *   <tr><td>IP_DECLINES</td><td>1 h</td><td>3</td><td>6</td></tr>
 *   <tr><td>IP48_ATTEMPTS</td><td>10 min</td><td>60</td><td>150</td></tr>
 *   <tr><td>IP48_SMALL_ATTEMPTS</td><td>10 min</td><td>15</td><td>30</td></tr>
 *   <tr><td>IP48_DISTINCT_CARDS</td><td>1 h</td><td>12</td><td>18</td></tr>
 *   <tr><td>IP48_DECLINES</td><td>1 h</td><td>9</td><td>18</td></tr>
 *   <tr><td>EMAIL_DISTINCT_CARDS</td><td>24 h</td><td>3</td><td>5</td></tr>
 *   <tr><td>EMAIL_ATTEMPTS</td><td>1 h</td><td>10</td><td>20</td></tr>
 * </table>
 * An IPv6 /48's thresholds are three times its /64's: a /48 is one site (a home, an office, a
 * mosque's network) whose people share it through several /64s, yet an attacker moving between
 * its /64s to stay under their thresholds is held after about three /64s' worth.
 * "Small" is at most 5.00 GBP, 6.02 EUR or 6.32 USD: 5.00 GBP in the service's default currencies at
 * the bundled reference rates of 2026-12-03 (the configuration's {@code fraud.smallAmount}, converted
 * by the loader). The detector tracks at most
 * 100,000 identifiers per kind (card, IP, IPv6 /48, e-mail), forgetting the least recently seen first,
 * but one with a counter at its review threshold only when all the others have reached one too.
 *
 * @param limits         the limit of every rule (all rules must be present)
 * @param smallAmounts   the largest amount that counts as small, per currency
 * @param maxTrackedKeys how many identifiers of each kind the detector remembers at most
 */
public record FraudConfig(Map<FraudRule, Limit> limits, SmallAmounts smallAmounts, int maxTrackedKeys) {

    /**
     * One rule's thresholds: a counter at or above {@code denyAt} denies, at or above
     * {@code reviewAt} asks for review.
     *
     * @param window   how far back the counter looks
     * @param reviewAt the count that asks for review (at least 1)
     * @param denyAt   the count that denies (at least {@code reviewAt})
     */
    public record Limit(Duration window, int reviewAt, int denyAt) {
        /** @throws IllegalArgumentException {@code invalid_fraud_config: ...} */
        public Limit {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero() || reviewAt < 1 || denyAt < reviewAt) {
                throw new IllegalArgumentException("invalid_fraud_config: a positive window and 1 <= reviewAt <= denyAt expected, were "
                        + window + ", " + reviewAt + ", " + denyAt);
            }
        }
    }

    /** The documented defaults (see the table above). */
    public static final FraudConfig DEFAULTS = new FraudConfig(defaultLimits(),
            SmallAmounts.of(List.of(Money.of("5.00", "GBP"), Money.of("6.02", "EUR"), Money.of("6.32", "USD"))), 100_000);

    /** @throws IllegalArgumentException {@code invalid_fraud_config: ...} */
    public FraudConfig {
        limits = Map.copyOf(limits);
        Objects.requireNonNull(smallAmounts, "smallAmounts");
        for (var rule : FraudRule.values()) {
            if (!limits.containsKey(rule)) {
                throw new IllegalArgumentException("invalid_fraud_config: no limit for " + rule);
            }
        }
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("invalid_fraud_config: maxTrackedKeys >= 1 expected, was " + maxTrackedKeys);
        }
    }

    /** The limit of {@code rule}. */
    public Limit limit(FraudRule rule) {
        return limits.get(rule);
    }

    /** This configuration with {@code rule}'s limit replaced. */
    public FraudConfig withLimit(FraudRule rule, Limit limit) {
        var changed = new EnumMap<FraudRule, Limit>(limits);
        changed.put(rule, limit);
        return new FraudConfig(changed, smallAmounts, maxTrackedKeys);
    }

    /** This configuration with another memory bound. */
    public FraudConfig withMaxTrackedKeys(int maxTrackedKeys) {
        return new FraudConfig(limits, smallAmounts, maxTrackedKeys);
    }

    /** This configuration with other small amounts. */
    public FraudConfig withSmallAmounts(SmallAmounts smallAmounts) {
        return new FraudConfig(limits, smallAmounts, maxTrackedKeys);
    }

    private static Map<FraudRule, Limit> defaultLimits() {
        var tenMinutes = Duration.ofMinutes(10);
        var hour = Duration.ofHours(1);
        var day = Duration.ofDays(1);
        var limits = new EnumMap<FraudRule, Limit>(FraudRule.class);
        limits.put(FraudRule.CARD_ATTEMPTS, new Limit(tenMinutes, 5, 10));
        limits.put(FraudRule.CARD_DECLINES, new Limit(hour, 2, 4));
        limits.put(FraudRule.IP_ATTEMPTS, new Limit(tenMinutes, 20, 50));
        limits.put(FraudRule.IP_SMALL_ATTEMPTS, new Limit(tenMinutes, 5, 10));
        limits.put(FraudRule.IP_DISTINCT_CARDS, new Limit(hour, 4, 6));
        limits.put(FraudRule.IP_DECLINES, new Limit(hour, 3, 6));
        limits.put(FraudRule.IP48_ATTEMPTS, new Limit(tenMinutes, 60, 150));
        limits.put(FraudRule.IP48_SMALL_ATTEMPTS, new Limit(tenMinutes, 15, 30));
        limits.put(FraudRule.IP48_DISTINCT_CARDS, new Limit(hour, 12, 18));
        limits.put(FraudRule.IP48_DECLINES, new Limit(hour, 9, 18));
        limits.put(FraudRule.EMAIL_DISTINCT_CARDS, new Limit(day, 3, 5));
        limits.put(FraudRule.EMAIL_ATTEMPTS, new Limit(hour, 10, 20));
        return limits;
    }
}
