package dev.amanah.donations.fraud;

/**
 * The counters the fraud check keeps, each over a sliding window, and the pattern each one is
 * after. "One IP address" is one client block: an IPv4 address, or an IPv6 /64. "One IPv6 /48"
 * is the site around such a /64 (the {@code IP48_} rules, counted alongside the {@code IP_} ones
 * for an IPv6 client, never for IPv4): whoever holds a /48 has 65,536 /64s and can stay under
 * every per-/64 threshold by moving between them. Card testing (trying stolen cards with small
 * amounts to find those that work) shows as many attempts per card, many small attempts and many
 * cards per address, and many declines.
 */
public enum FraudRule {
    /** Attempts with one card. */
    CARD_ATTEMPTS,
    /** Declined attempts with one card. */
    CARD_DECLINES,
    /** Attempts from one IP address. */
    IP_ATTEMPTS,
    /** Small attempts (at most {@link FraudConfig#smallAmounts()} of their currency) from one IP address. */
    IP_SMALL_ATTEMPTS,
    /** Distinct cards used from one IP address. */
    IP_DISTINCT_CARDS,
    /** Declined attempts from one IP address. */
    IP_DECLINES,
    /** Attempts from one IPv6 /48. */
    IP48_ATTEMPTS,
    /** Small attempts (as {@link #IP_SMALL_ATTEMPTS}) from one IPv6 /48. */
    IP48_SMALL_ATTEMPTS,
    /** Distinct cards used from one IPv6 /48. */
    IP48_DISTINCT_CARDS,
    /** Declined attempts from one IPv6 /48. */
    IP48_DECLINES,
    /**
     * Distinct cards used with one e-mail address: by one donor, whom the platform knows by their
     * address alone (donors have no accounts; the donor's reference is a digest of the address).
     */
    EMAIL_DISTINCT_CARDS,
    /** Attempts with one e-mail address: by one donor, as {@link #EMAIL_DISTINCT_CARDS}. */
    EMAIL_ATTEMPTS;

    /** Whether the rule counts distinct cards rather than events. */
    public boolean countsDistinctCards() {
        return this == IP_DISTINCT_CARDS || this == IP48_DISTINCT_CARDS || this == EMAIL_DISTINCT_CARDS;
    }
}
