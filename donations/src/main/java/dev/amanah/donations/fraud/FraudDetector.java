package dev.amanah.donations.fraud;

import dev.amanah.donations.net.IpAddresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fraud check itself: sliding-window counters per card fingerprint, client address block and
 * e-mail (the donor: one person is counted once, by their address), compared with the thresholds of a {@link FraudConfig}. An address counts by
 * {@link IpAddresses#clientBlock(String)}, as the login throttle counts it: an IPv6 client by its
 * /64 (one host can take a fresh address of it for every attempt), an IPv4-mapped one as IPv4.
 * An IPv6 client counts by its /48 too ({@link IpAddresses#siteBlock(String)}, the
 * {@code IP48_} rules): one site can move between its 65,536 /64s. The login throttle keeps to
 * the /64: it refuses every login from an address that failed too often, and at /48 one attacker
 * could lock out everyone sharing an ISP's or an office's /48, where these rules hold a donation
 * for review.
 * Deterministic: the same attempts at the same times (from the {@link Clock} given) give the same
 * verdicts.
 *
 * <p>{@link #check} counts the attempt (even one it denies: a card tester keeps trying) and then
 * judges it; {@link #recordDecline} counts a decline the payment provider gave, which weighs on
 * the next attempts. A counter's value in a {@link FraudReason} includes the attempt being
 * checked, and stops growing at the rule's deny threshold.
 *
 * <p><b>Not thread-safe: owned by one process.</b> {@link FraudServer} is that process; use this
 * class directly only from one thread (a test, a single-threaded tool). Memory is bounded: at most
 * {@link FraudConfig#maxTrackedKeys()} identifiers per kind, least recently seen forgotten first
 * but an identifier with a counter at its review threshold only when every other one has, an
 * identifier forgotten as soon as its longest window has passed, and at most the deny threshold
 * of entries per counter.
 */
public final class FraudDetector {

    /** The kinds of identifier, each with its own table. */
    private enum Kind { CARD, IP, SITE, EMAIL }

    /** The rules of one kind of address counter: its attempts, small attempts, distinct cards, declines. */
    private record AddressRules(Kind kind, FraudRule attempts, FraudRule small, FraudRule distinctCards, FraudRule declines) {
        static final AddressRules CLIENT = new AddressRules(Kind.IP, FraudRule.IP_ATTEMPTS, FraudRule.IP_SMALL_ATTEMPTS,
                FraudRule.IP_DISTINCT_CARDS, FraudRule.IP_DECLINES);
        static final AddressRules SITE = new AddressRules(Kind.SITE, FraudRule.IP48_ATTEMPTS, FraudRule.IP48_SMALL_ATTEMPTS,
                FraudRule.IP48_DISTINCT_CARDS, FraudRule.IP48_DECLINES);

        List<FraudRule> all() {
            return List.of(attempts, small, distinctCards, declines);
        }
    }

    private static final FraudRule[] RULES = FraudRule.values();

    private final FraudConfig config;
    private final Clock clock;
    private final Map<Kind, Table> tables = new EnumMap<>(Kind.class);

    /**
     * A detector with no history.
     *
     * @param config thresholds, windows and the memory bound
     * @param clock  the time every attempt and decline is counted at
     */
    public FraudDetector(FraudConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        tables.put(Kind.CARD, new Table(List.of(FraudRule.CARD_ATTEMPTS, FraudRule.CARD_DECLINES)));
        tables.put(Kind.IP, new Table(AddressRules.CLIENT.all()));
        tables.put(Kind.SITE, new Table(AddressRules.SITE.all()));
        tables.put(Kind.EMAIL, new Table(List.of(FraudRule.EMAIL_DISTINCT_CARDS, FraudRule.EMAIL_ATTEMPTS)));
    }

    /** Counts {@code attempt} and judges it. */
    public FraudVerdict check(Attempt attempt) {
        var now = clock.instant();
        // The largest count of each rule among the identifiers of this attempt, by ordinal; -1 if unseen.
        var observed = new int[RULES.length];
        Arrays.fill(observed, -1);
        boolean small = config.smallAmounts().isSmall(attempt.amount());
        var card = attempt.cardFingerprint();
        if (card != null) {
            var cards = tables.get(Kind.CARD);
            var counters = cards.touch(card, now);
            counters.counts.get(FraudRule.CARD_ATTEMPTS).add(now);
            cards.observe(card, counters, now, observed);
        }
        if (attempt.ip() != null) {
            countAddress(AddressRules.CLIENT, IpAddresses.clientBlock(attempt.ip()), card, small, now, observed);
            IpAddresses.siteBlock(attempt.ip()).ifPresent(site -> countAddress(AddressRules.SITE, site, card, small, now, observed));
        }
        if (attempt.email() != null) {
            var emails = tables.get(Kind.EMAIL);
            var counters = emails.touch(attempt.email(), now);
            counters.counts.get(FraudRule.EMAIL_ATTEMPTS).add(now);
            if (card != null) {
                counters.distinct.get(FraudRule.EMAIL_DISTINCT_CARDS).add(card, now);
            }
            emails.observe(attempt.email(), counters, now, observed);
        }
        List<FraudReason> reasons = null;
        for (var rule : RULES) {
            int count = observed[rule.ordinal()];
            var limit = config.limit(rule);
            if (count < 0 || count < limit.reviewAt() && count < limit.denyAt()) {
                continue;
            }
            if (reasons == null) {
                reasons = new ArrayList<>();
            }
            reasons.add(count >= limit.denyAt() ? new FraudReason(rule, count, limit.denyAt(), Decision.DENY)
                    : new FraudReason(rule, count, limit.reviewAt(), Decision.REVIEW));
        }
        return reasons == null ? FraudVerdict.ALLOW : FraudVerdict.of(reasons);
    }

    /** Counts a decline of {@code attempt} by the payment provider, against its card and IP address (and an IPv6 one's /48). */
    public void recordDecline(Attempt attempt) {
        var now = clock.instant();
        if (attempt.cardFingerprint() != null) {
            tables.get(Kind.CARD).countDecline(FraudRule.CARD_DECLINES, attempt.cardFingerprint(), now);
        }
        if (attempt.ip() != null) {
            countAddressDecline(AddressRules.CLIENT, IpAddresses.clientBlock(attempt.ip()), now);
            IpAddresses.siteBlock(attempt.ip()).ifPresent(site -> countAddressDecline(AddressRules.SITE, site, now));
        }
    }

    private void countAddressDecline(AddressRules rules, String key, Instant now) {
        tables.get(rules.kind()).countDecline(rules.declines(), key, now);
    }

    /** Counts an attempt against the address {@code key} by {@code rules}, raising {@code observed}. */
    private void countAddress(AddressRules rules, String key, String card, boolean small, Instant now, int[] observed) {
        var table = tables.get(rules.kind());
        var counters = table.touch(key, now);
        counters.counts.get(rules.attempts()).add(now);
        if (small) {
            counters.counts.get(rules.small()).add(now);
        }
        if (card != null) {
            counters.distinct.get(rules.distinctCards()).add(card, now);
        }
        table.observe(key, counters, now, observed);
    }

    /** How many identifiers are remembered now, all kinds together (for tests of the memory bound). */
    public int trackedKeys() {
        var now = clock.instant();
        int total = 0;
        for (var table : tables.values()) {
            table.expire(now);
            total += table.size();
        }
        return total;
    }

    /** The counters of one identifier. */
    private static final class Counters {
        final Map<FraudRule, SlidingCount> counts = new EnumMap<>(FraudRule.class);
        final Map<FraudRule, SlidingDistinct> distinct = new EnumMap<>(FraudRule.class);
        Instant lastSeen;
    }

    /**
     * The identifiers of one kind in two groups, each least recently seen first: the flagged, one
     * of whose counters reached its review threshold, and the plain. Over the memory bound the
     * least recently seen plain identifier is forgotten, a flagged one only when none is plain:
     * made-up payment tokens, e-mails and addresses cost an attacker nothing, and a flood of them
     * would otherwise push out the counters of the card or address being tested.
     */
    private final class Table {
        private final List<FraudRule> rules;
        private final Duration longestWindow;
        private final LinkedHashMap<String, Counters> plain = new LinkedHashMap<>(16, 0.75f, true);
        private final LinkedHashMap<String, Counters> flagged = new LinkedHashMap<>(16, 0.75f, true);

        Table(List<FraudRule> rules) {
            this.rules = rules;
            this.longestWindow = rules.stream().map(rule -> config.limit(rule).window())
                    .max(Duration::compareTo).orElseThrow();
        }

        /** The counters of {@code key}, created if new, marked as seen now; forgets the expired and the excess. */
        Counters touch(String key, Instant now) {
            expire(now);
            var counters = flagged.get(key);
            if (counters == null) {
                counters = plain.get(key);
            }
            if (counters == null) {
                counters = new Counters();
                for (var rule : rules) {
                    var limit = config.limit(rule);
                    if (rule.countsDistinctCards()) {
                        counters.distinct.put(rule, new SlidingDistinct(limit.window(), limit.denyAt()));
                    } else {
                        counters.counts.put(rule, new SlidingCount(limit.window(), limit.denyAt()));
                    }
                }
                if (size() == config.maxTrackedKeys()) {
                    (plain.isEmpty() ? flagged : plain).pollFirstEntry();
                }
                plain.put(key, counters);
            }
            counters.lastSeen = now;
            return counters;
        }

        /** Counts a decline against {@code key}. */
        void countDecline(FraudRule rule, String key, Instant now) {
            var counters = touch(key, now);
            counters.counts.get(rule).add(now);
            observe(key, counters, now, new int[RULES.length]); // flags the key; the counts are for a check
        }

        /**
         * Raises each rule's entry of {@code observed} (by ordinal) to {@code key}'s count, and
         * flags {@code key} if one of them reached its review threshold.
         */
        void observe(String key, Counters counters, Instant now, int[] observed) {
            boolean reachedReview = false;
            for (var counted : counters.counts.entrySet()) {
                reachedReview |= raise(counted.getKey(), counted.getValue().count(now), observed);
            }
            for (var counted : counters.distinct.entrySet()) {
                reachedReview |= raise(counted.getKey(), counted.getValue().count(now), observed);
            }
            if (reachedReview && plain.remove(key) != null) {
                flagged.put(key, counters);
            }
        }

        /** Raises {@code rule}'s entry to {@code count}; whether that reaches its review threshold. */
        private boolean raise(FraudRule rule, int count, int[] observed) {
            observed[rule.ordinal()] = Math.max(observed[rule.ordinal()], count);
            return count >= config.limit(rule).reviewAt();
        }

        int size() {
            return plain.size() + flagged.size();
        }

        /** Forgets identifiers whose longest window has passed since they were last seen. */
        void expire(Instant now) {
            var horizon = now.minus(longestWindow);
            for (var group : List.of(plain, flagged)) {
                while (!group.isEmpty() && !group.firstEntry().getValue().lastSeen.isAfter(horizon)) {
                    group.pollFirstEntry();
                }
            }
        }
    }
}
