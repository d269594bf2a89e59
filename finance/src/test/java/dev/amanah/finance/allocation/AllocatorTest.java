package dev.amanah.finance.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    private static List<Money> usd(String... amounts) {
        return List.of(amounts).stream().map(a -> Money.of(a, "USD")).toList();
    }

    private static List<BigDecimal> ratios(String... ratios) {
        return List.of(ratios).stream().map(BigDecimal::new).toList();
    }

    @Test
    void hundred_to_three_pays_out_the_whole_hundred_unlike_the_seeds_div() {
        var parts = Allocator.evenly(Money.of("100", "JPY"), 3);
        assertThat(parts).extracting(Money::minorUnits).containsExactly(34L, 33L, 33L);
    }

    @Test
    void tie_break_gives_leftover_units_to_the_earliest_parts() {
        assertThat(Allocator.evenly(Money.of("0.05", "USD"), 3)).isEqualTo(usd("0.02", "0.02", "0.01"));
        assertThat(Allocator.evenly(Money.of("1.00", "USD"), 6)).isEqualTo(usd("0.17", "0.17", "0.17", "0.17", "0.16", "0.16"));
    }

    @Test
    void largest_remainder_wins_before_list_order() {
        // exact shares 33.3, 66.6 and 0.1 cent → floors 33 + 66 + 0 = 99, one unit to the largest remainder (66.6)
        assertThat(Allocator.byRatios(Money.of("1.00", "USD"), ratios("333", "666", "1")))
                .isEqualTo(usd("0.33", "0.67", "0.00"));
    }

    @Test
    void ratios_split_proportionally_and_sum_to_the_whole() {
        var parts = Allocator.byRatios(Money.of("1000.000", "KWD"), ratios("0.5", "0.3", "0.2"));
        assertThat(parts).extracting(Money::toString).containsExactly("500.000 KWD", "300.000 KWD", "200.000 KWD");
    }

    @Test
    void zero_ratios_get_zero() {
        var parts = Allocator.byRatios(Money.of("0.07", "USD"), ratios("0", "1", "0", "1", "1"));
        assertThat(parts).isEqualTo(usd("0.00", "0.03", "0.00", "0.02", "0.02"));
    }

    @Test
    void a_negative_total_splits_as_the_mirror_of_its_positive() {
        // a reversal of [0.34, 0.33, 0.33] must take 0.34 back from the first part, not 0.33
        assertThat(Allocator.evenly(Money.of("-1.00", "USD"), 3)).isEqualTo(usd("-0.34", "-0.33", "-0.33"));
    }

    @Test
    void negative_or_all_zero_ratios_and_no_parts_are_refused() {
        assertThatThrownBy(() -> Allocator.byRatios(Money.of("1", "USD"), ratios("1", "-1")))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RATIO);
                    assertThat(e.field()).isEqualTo("ratios[1]");
                });
        assertThatThrownBy(() -> Allocator.byRatios(Money.of("1", "USD"), ratios("0", "0")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INVALID_RATIO);
        assertThatThrownBy(() -> Allocator.evenly(Money.of("1", "USD"), 0))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INVALID_PARTS);
    }
}
