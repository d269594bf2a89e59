package dev.amanah.donations.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.ManualClock;
import dev.amanah.finance.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The detector against a naive model that keeps every event for ever and counts from scratch:
 * whatever the sequence of attempts, declines and clock moves, both give the same verdicts. This
 * checks the sliding windows, the per-counter caps and the forgetting of idle identifiers.
 */
class FraudProperties {

    sealed interface Op permits Check, Decline, Advance {
    }

    record Check(Attempt attempt) implements Op {
    }

    record Decline(Attempt attempt) implements Op {
    }

    record Advance(Duration by) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<String> card = Arbitraries.of("card-0", "card-1", "card-2", "card-3", "card-4", "card-5", "card-6").injectNull(0.1);
        Arbitrary<String> ip = Arbitraries.of("ip-0", "ip-1", "ip-2").injectNull(0.1);
        Arbitrary<String> email = Arbitraries.of("a@x.org", "b@x.org", "c@x.org").injectNull(0.2);
        Arbitrary<Money> amount = Arbitraries.longs().between(100, 1_000).map(c -> Money.ofMinor(c, Currency.getInstance("USD")));
        Arbitrary<Attempt> attempt = Combinators.combine(card, ip, email, amount).as(Attempt::new);
        Arbitrary<Op> advance = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(0, 600)),
                Tuple.of(1, Arbitraries.longs().between(600, 30 * 3600))).map(s -> new Advance(Duration.ofSeconds(s)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, attempt.map(Check::new)),
                Tuple.of(2, attempt.map(Decline::new)),
                Tuple.of(3, advance)).list().ofMinSize(1).ofMaxSize(150);
    }

    @Property(tries = 500, seed = "20260101")
    void theDetectorJudgesAsANaiveModelThatForgetsNothing(@ForAll("operations") List<Op> ops) {
        var clock = ManualClock.atNewYear();
        var config = FraudConfig.DEFAULTS;
        var detector = new FraudDetector(config, clock);
        var model = new Model(config);
        for (var op : ops) {
            switch (op) {
                case Advance(var by) -> clock.advance(by);
                case Decline(var attempt) -> {
                    detector.recordDecline(attempt);
                    model.declines.add(new Event(attempt, clock.instant()));
                }
                case Check(var attempt) -> {
                    var actual = detector.check(attempt);
                    model.attempts.add(new Event(attempt, clock.instant()));
                    assertThat(actual).isEqualTo(model.verdict(attempt, clock.instant()));
                }
            }
        }
    }

    record Event(Attempt attempt, Instant at) {
    }

    /** Every event kept, every count recomputed: slow and obviously right. */
    static final class Model {
        final FraudConfig config;
        final List<Event> attempts = new ArrayList<>();
        final List<Event> declines = new ArrayList<>();

        Model(FraudConfig config) {
            this.config = config;
        }

        FraudVerdict verdict(Attempt attempt, Instant now) {
            var observed = new EnumMap<FraudRule, Long>(FraudRule.class);
            if (attempt.cardFingerprint() != null) {
                observed.put(FraudRule.CARD_ATTEMPTS, count(attempts, FraudRule.CARD_ATTEMPTS, Attempt::cardFingerprint, attempt, now));
                observed.put(FraudRule.CARD_DECLINES, count(declines, FraudRule.CARD_DECLINES, Attempt::cardFingerprint, attempt, now));
            }
            if (attempt.ip() != null) {
                observed.put(FraudRule.IP_ATTEMPTS, count(attempts, FraudRule.IP_ATTEMPTS, Attempt::ip, attempt, now));
                observed.put(FraudRule.IP_SMALL_ATTEMPTS, inWindow(attempts, FraudRule.IP_SMALL_ATTEMPTS, Attempt::ip, attempt, now)
                        .filter(e -> e.attempt().amount().signum() > 0 && config.smallAmounts().threshold(e.attempt().amount().currency())
                                .filter(threshold -> e.attempt().amount().compareTo(threshold) <= 0).isPresent()).count());
                observed.put(FraudRule.IP_DISTINCT_CARDS, distinctCards(FraudRule.IP_DISTINCT_CARDS, Attempt::ip, attempt, now));
                observed.put(FraudRule.IP_DECLINES, count(declines, FraudRule.IP_DECLINES, Attempt::ip, attempt, now));
            }
            if (attempt.email() != null) {
                observed.put(FraudRule.EMAIL_DISTINCT_CARDS, distinctCards(FraudRule.EMAIL_DISTINCT_CARDS, Attempt::email, attempt, now));
                observed.put(FraudRule.EMAIL_ATTEMPTS, count(attempts, FraudRule.EMAIL_ATTEMPTS, Attempt::email, attempt, now));
            }
            var reasons = new ArrayList<FraudReason>();
            observed.forEach((rule, raw) -> {
                var limit = config.limit(rule);
                long seen = Math.min(raw, limit.denyAt());
                if (seen >= limit.denyAt()) {
                    reasons.add(new FraudReason(rule, seen, limit.denyAt(), Decision.DENY));
                } else if (seen >= limit.reviewAt()) {
                    reasons.add(new FraudReason(rule, seen, limit.reviewAt(), Decision.REVIEW));
                }
            });
            return FraudVerdict.of(reasons);
        }

        private java.util.stream.Stream<Event> inWindow(List<Event> events, FraudRule rule, Function<Attempt, String> id,
                                                        Attempt attempt, Instant now) {
            var horizon = now.minus(config.limit(rule).window());
            var key = id.apply(attempt);
            return events.stream().filter(e -> e.at().isAfter(horizon) && Objects.equals(id.apply(e.attempt()), key));
        }

        private long count(List<Event> events, FraudRule rule, Function<Attempt, String> id, Attempt attempt, Instant now) {
            return inWindow(events, rule, id, attempt, now).count();
        }

        private long distinctCards(FraudRule rule, Function<Attempt, String> id, Attempt attempt, Instant now) {
            var cards = new HashSet<String>();
            inWindow(attempts, rule, id, attempt, now).map(e -> e.attempt().cardFingerprint())
                    .filter(Objects::nonNull).forEach(cards::add);
            return cards.size();
        }
    }
}
