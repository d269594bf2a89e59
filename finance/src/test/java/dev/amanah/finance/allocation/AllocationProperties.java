package dev.amanah.finance.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Allocation over random totals, currencies and ratio lists. */
class AllocationProperties {

    record Case(Money total, List<BigDecimal> ratios) {
    }

    @Provide
    Arbitrary<Case> cases() {
        var currencies = Arbitraries.of(List.copyOf(Currencies.paymentCurrencies()));
        var minorUnits = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000L, 1_000L),
                Arbitraries.longs().between(-1_000_000_000_000_000L, 1_000_000_000_000_000L));
        var ratio = Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(BigDecimal.ZERO)),
                        Tuple.of(4, Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000")).ofScale(3)),
                        Tuple.of(4, Arbitraries.integers().between(1, 10).map(BigDecimal::valueOf)));
        var ratios = ratio.list().ofMinSize(1).ofMaxSize(12)
                .filter(list -> list.stream().anyMatch(r -> r.signum() > 0));
        return Combinators.combine(currencies, minorUnits, ratios)
                .as((Currency currency, Long units, List<BigDecimal> rs) -> new Case(Money.ofMinor(units, currency), rs));
    }

    @Property(tries = 10_000, seed = "20250301")
    void parts_always_sum_to_the_whole(@ForAll("cases") Case c) {
        var parts = Allocator.byRatios(c.total(), c.ratios());
        assertThat(parts).hasSize(c.ratios().size());
        assertThat(parts.stream().reduce(Money.zero(c.total().currency()), Money::plus)).isEqualTo(c.total());
    }

    @Property(tries = 10_000, seed = "20250301")
    void a_reversal_splits_as_the_mirror_of_the_split(@ForAll("cases") Case c) {
        var reversal = Allocator.byRatios(c.total().negate(), c.ratios());
        assertThat(reversal).isEqualTo(Allocator.byRatios(c.total(), c.ratios()).stream().map(Money::negate).toList());
    }

    @Property(tries = 10_000, seed = "20250301")
    void every_part_is_within_one_minor_unit_of_its_exact_share(@ForAll("cases") Case c) {
        var parts = Allocator.byRatios(c.total(), c.ratios());
        var sum = c.ratios().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        var total = new BigDecimal(c.total().amount().unscaledValue());
        for (var i = 0; i < parts.size(); i++) {
            // |part − T·r/R| < 1  ⇔  |part·R − T·r| < R, all exact
            var part = new BigDecimal(parts.get(i).amount().unscaledValue());
            var gap = part.multiply(sum).subtract(total.multiply(c.ratios().get(i))).abs();
            assertThat(gap).isLessThan(sum);
        }
    }

    @Property(tries = 10_000, seed = "20250301")
    void zero_ratios_get_zero_and_the_split_is_deterministic(@ForAll("cases") Case c) {
        var parts = Allocator.byRatios(c.total(), c.ratios());
        for (var i = 0; i < parts.size(); i++) {
            if (c.ratios().get(i).signum() == 0) {
                assertThat(parts.get(i).isZero()).isTrue();
            }
        }
        assertThat(Allocator.byRatios(c.total(), c.ratios())).isEqualTo(parts);
    }

    @Property(tries = 10_000, seed = "20250301")
    void even_split_differs_by_at_most_one_unit_and_favours_earlier_parts(
            @ForAll("cases") Case c) {
        var parts = Allocator.evenly(c.total(), c.ratios().size());
        // in magnitude: a reversal's earlier parts take back the leftover units that they got
        var units = parts.stream().map(p -> p.amount().unscaledValue().abs()).toList();
        for (var i = 1; i < units.size(); i++) {
            var step = units.get(i - 1).subtract(units.get(i));
            assertThat(step).isIn(BigInteger.ZERO, BigInteger.ONE);
        }
    }

    @Property(tries = 10_000, seed = "20261204")
    void long_arithmetic_gives_the_same_parts_as_big_integers(
            @ForAll("currencies") Currency currency,
            @ForAll("realisticMinorUnits") long units,
            @ForAll("integerWeights") List<BigInteger> weights) {
        var total = Money.ofMinor(units, currency);
        var sumOfWeights = weights.stream().reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(Allocator.inLongs(total, weights, sumOfWeights.longValueExact()))
                .isEqualTo(Allocator.inBigIntegers(total, weights, sumOfWeights));
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of(List.copyOf(Currencies.paymentCurrencies()));
    }

    /** Up to a trillion in a two-decimal currency: with the weights below, no product overflows a long. */
    @Provide
    Arbitrary<Long> realisticMinorUnits() {
        return Arbitraries.longs().between(-100_000_000_000_000L, 100_000_000_000_000L);
    }

    /** Weights small enough for {@code long} arithmetic with any realistic total; many ties. */
    @Provide
    Arbitrary<List<BigInteger>> integerWeights() {
        return Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(0L)),
                        Tuple.of(4, Arbitraries.longs().between(1, 7)),
                        Tuple.of(2, Arbitraries.longs().between(1, 9_999)))
                .map(BigInteger::valueOf)
                .list().ofMinSize(1).ofMaxSize(40)
                .filter(list -> list.stream().anyMatch(w -> w.signum() > 0));
    }
}
