package dev.amanah.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import org.junit.jupiter.api.Test;

class SimpleZakatTest {
    @Test
    void isTwoAndAHalfPercentExactly() {
        assertThat(SimpleZakat.calculateZakat(Money.of("10000", "USD"), Money.of("5000", "USD")))
                .isEqualTo(Money.of("250.00", "USD"));
    }

    @Test
    void nisabIsReachedAtEquality() {
        // The seed's `wealth > nisab` owes nothing here.
        assertThat(SimpleZakat.calculateZakat(Money.of("5000", "USD"), Money.of("5000", "USD")))
                .isEqualTo(Money.of("125", "USD"));
    }

    @Test
    void belowNisabOwesZeroInTheSameCurrency() {
        assertThat(SimpleZakat.calculateZakat(Money.of("4999.99", "GBP"), Money.of("5000", "GBP")))
                .isEqualTo(Money.zero(Money.of("1", "GBP").currency()));
    }

    @Test
    void roundsUpToTheMinorUnitSoZakatIsNeverUnderpaid() {
        // 0.025 × 100.01 = 2.50025: a float would print 2.50025 or round down to 2.50.
        assertThat(SimpleZakat.calculateZakat(Money.of("100.01", "USD"), Money.of("100", "USD")))
                .isEqualTo(Money.of("2.51", "USD"));
    }

    @Test
    void refusesToCompareAcrossCurrencies() {
        assertThatThrownBy(() -> SimpleZakat.calculateZakat(Money.of("1", "USD"), Money.of("1", "EUR")))
                .isInstanceOf(FinanceException.class);
    }
}
