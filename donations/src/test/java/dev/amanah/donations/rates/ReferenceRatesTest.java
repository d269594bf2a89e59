package dev.amanah.donations.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** The bundled rates file and the cross-rate arithmetic. */
class ReferenceRatesTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);

    private final RatesFile file = RatesFile.bundled();

    @Test
    void a_euro_rate_is_kept_exactly_as_published() {
        var rate = file.rate(EUR, GBP, NOV_30);
        assertThat(rate.rate()).isEqualByComparingTo("0.8329");
        assertThat(rate.source()).contains("2026-11-30");
        assertThat(rate.asOf()).isEqualTo(NOV_30.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
    }

    @Test
    void a_cross_rate_goes_through_the_euro_rounded_once_to_twenty_significant_digits_half_even() {
        var rate = file.rate(USD, GBP, NOV_30);
        var expected = new BigDecimal("0.8329").divide(new BigDecimal("1.0567"), new MathContext(20, RoundingMode.HALF_EVEN));
        assertThat(rate.rate()).isEqualByComparingTo(expected);
        // 1000.00 USD -> GBP: exact product rounded once, half even, to pence.
        var conversion = rate.convert(Money.of("1000.00", "USD"));
        assertThat(conversion.result()).isEqualTo(Money.of(new BigDecimal("1000.00").multiply(expected)
                .setScale(2, RoundingMode.HALF_EVEN), GBP));
        assertThat(file.rate(GBP, EUR, NOV_30).rate())
                .isEqualByComparingTo(BigDecimal.ONE.divide(new BigDecimal("0.8329"), new MathContext(20, RoundingMode.HALF_EVEN)));
    }

    @Test
    void a_weekend_uses_the_last_publication_before_it() {
        var saturday = LocalDate.of(2026, 12, 5);
        assertThat(file.rate(EUR, USD, saturday).rate()).isEqualByComparingTo("1.0498");
    }

    @Test
    void a_date_too_far_from_any_publication_is_an_error_naming_currency_and_date() {
        var late = LocalDate.of(2026, 12, 20);
        assertThatThrownBy(() -> file.rate(USD, EUR, late))
                .isInstanceOfSatisfying(RateException.class, e -> {
                    assertThat(e.currency()).isEqualTo(USD);
                    assertThat(e.date()).isEqualTo(late);
                    assertThat(e.transientFailure()).isFalse();
                })
                .hasMessageContaining("USD").hasMessageContaining("2026-12-20");
    }

    @Test
    void a_currency_the_source_does_not_publish_is_an_error_not_a_default() {
        assertThatThrownBy(() -> file.rate(Currency.getInstance("KWD"), GBP, NOV_30))
                .isInstanceOf(RateException.class).hasMessageContaining("KWD").hasMessageContaining("2026-11-30");
    }
}
