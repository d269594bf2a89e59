package dev.amanah.donations.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import org.junit.jupiter.api.Test;

/** A roll-forward line of what payouts owe recipients holds only amounts that add up, in one currency. */
class PayableLineTest {

    @Test
    void a_line_whose_amounts_add_up_is_kept_with_its_currency() {
        var line = new Section.PayableLine(Money.of("30.00", "GBP"), Money.of("5.00", "GBP"), Money.of("20.00", "GBP"),
                Money.of("10.00", "GBP"), Money.of("5.00", "GBP"));
        assertThat(line.currency().getCurrencyCode()).isEqualTo("GBP");
    }

    @Test
    void a_line_whose_end_is_not_start_plus_moved_in_less_paid_and_cancelled_is_refused() {
        assertThatThrownBy(() -> new Section.PayableLine(Money.of("30.00", "GBP"), Money.of("5.00", "GBP"),
                Money.of("20.00", "GBP"), Money.of("10.00", "GBP"), Money.of("5.01", "GBP")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not owed at end 5.01 GBP");
    }

    @Test
    void a_line_in_two_currencies_is_refused() {
        assertThatThrownBy(() -> new Section.PayableLine(Money.of("30.00", "GBP"), Money.of("5.00", "USD"),
                Money.of("0.00", "GBP"), Money.of("0.00", "GBP"), Money.of("35.00", "GBP")))
                .isInstanceOf(FinanceException.class);
    }
}
