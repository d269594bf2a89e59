package dev.amanah.finance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");

    /**
     * 1E-10000000 is one short BigDecimal: its refusal took about 13 seconds (setScale dividing,
     * then toPlainString writing ten million characters into the message).
     */
    @Test
    void an_amount_with_millions_of_decimals_is_refused_at_once_with_a_short_message() {
        var tiny = new BigDecimal("1E-10000000");
        assertThatThrownBy(() -> new Money(tiny, USD))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_DECIMALS);
                    assertThat(e.detail()).isEqualTo("1E-10000000 has more than the 2 decimals of USD");
                });
        // an ordinary refusal still reads plainly, and trailing zeros are no decimals
        assertThatThrownBy(() -> Money.of(new BigDecimal("12.345"), USD))
                .hasMessage("amount: 12.345 has more than the 2 decimals of USD");
        assertThat(Money.of(new BigDecimal("12.3000000000"), USD)).isEqualTo(Money.of("12.30", "USD"));
    }

    /**
     * 1E+10000000 is one short BigDecimal too: accepted, setScale made a ten-million-digit amount
     * (about 10 s) that no ledger entry or database column (a long of minor units) could hold.
     */
    @Test
    void an_amount_beyond_a_long_of_minor_units_is_refused_at_once_with_a_short_message() {
        var huge = new BigDecimal("1E+10000000");
        long started = System.nanoTime();
        assertThatThrownBy(() -> new Money(huge, USD))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
                    assertThat(e.field()).isEqualTo("amount");
                    assertThat(e.detail()).isEqualTo("1E+10000000 USD is more than the largest amount handled,"
                            + " 92233720368547758.07 USD");
                });
        assertThat(System.nanoTime() - started).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(1));
        assertThatThrownBy(() -> new Money(huge.negate(), USD))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
    }

    @Test
    void the_bound_is_a_long_of_minor_units_in_the_currency_s_own_scale() {
        assertThat(Money.ofMinor(Long.MAX_VALUE, USD)).isEqualTo(Money.of("92233720368547758.07", "USD"));
        assertThat(Money.of("-9223372036854775807", "JPY").minorUnits()).isEqualTo(-Long.MAX_VALUE);
        assertThat(Money.of("9223372036854775.807", "KWD").minorUnits()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Money.of("92233720368547758.08", "USD"))
                .hasMessage("amount: 92233720368547758.08 USD is more than the largest amount handled,"
                        + " 92233720368547758.07 USD");
        assertThatThrownBy(() -> Money.of("9223372036854775.808", "KWD"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
        // Long.MIN_VALUE is refused too, so that negate() always fits
        assertThatThrownBy(() -> Money.ofMinor(Long.MIN_VALUE, USD))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
        // a sum past the bound is refused by the same rule
        var most = Money.ofMinor(Long.MAX_VALUE, USD);
        assertThatThrownBy(() -> most.plus(Money.of("0.01", "USD")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
        // zero with any exponent is zero
        assertThat(new Money(new BigDecimal("0E+10000000"), USD)).isEqualTo(Money.zero(USD));
    }

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"JPY,0", "KRW,0", "USD,2", "EUR,2", "BHD,3", "KWD,3", "JOD,3", "OMR,3", "TND,3", "CLF,4"})
    void scale_comes_from_the_jdk_currency_data(String code, int digits) {
        var money = Money.of("7", code);
        assertThat(money.scale()).isEqualTo(digits);
        assertThat(money.minorUnits()).isEqualTo(BigDecimal.valueOf(7).movePointRight(digits).longValueExact());
    }

    @ParameterizedTest(name = "{0} is no payment currency")
    @ValueSource(strings = {"XAU", "XAG", "XXX", "XTS", "XPT", "XPD"})
    void currency_with_undefined_digits_is_no_payment_currency(String code) {
        assertThatThrownBy(() -> Money.of("1", code))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_PAYMENT_CURRENCY);
                    assertThat(e.field()).isEqualTo("currency");
                });
    }

    @Test
    void unknown_code_is_unknown_currency() {
        assertThatThrownBy(() -> Currencies.paymentCurrency("ABC", "donation.currency"))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY);
                    assertThat(e.getMessage()).startsWith("donation.currency: 'ABC'");
                });
    }

    @Test
    void valid_currency_outside_the_allow_list_is_not_accepted_with_its_own_code() {
        var accepted = AcceptedCurrencies.of("GBP", "EUR");
        assertThat(accepted.resolve("EUR", "currency")).isEqualTo(EUR);
        assertThatThrownBy(() -> accepted.resolve("USD", "currency"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.CURRENCY_NOT_ACCEPTED);
        assertThatThrownBy(() -> accepted.resolve("QQQ", "currency"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.UNKNOWN_CURRENCY);
        assertThatThrownBy(() -> accepted.resolve("XAU", "currency"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NOT_A_PAYMENT_CURRENCY);
    }

    @Test
    void comparison_is_by_value_so_2_0_equals_2_00() {
        assertThat(Money.of("2.0", "USD")).isEqualTo(Money.of("2.00", "USD"));
        assertThat(Money.of("2.0", "USD")).hasSameHashCodeAs(Money.of("2", "USD"));
        assertThat(Money.of("2.0", "USD").compareTo(Money.of("2.00", "USD"))).isZero();
        assertThat(Money.of("2.00", "USD")).isNotEqualTo(Money.of("2.00", "EUR"));
    }

    @Test
    void more_decimals_than_the_currency_has_is_refused_not_rounded() {
        assertThatThrownBy(() -> Money.of("1.005", "USD"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.TOO_MANY_DECIMALS);
        assertThatThrownBy(() -> Money.of("1.5", "JPY"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.TOO_MANY_DECIMALS);
        assertThat(Money.of("1.500", "USD")).isEqualTo(Money.ofMinor(150, USD));
    }

    @Test
    void arithmetic_across_currencies_is_an_error() {
        var dollars = Money.of("10.00", "USD");
        var euros = Money.of("10.00", "EUR");
        assertThatThrownBy(() -> dollars.plus(euros))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        assertThatThrownBy(() -> dollars.minus(euros))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        assertThatThrownBy(() -> dollars.compareTo(euros))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void arithmetic_in_one_currency_is_exact() {
        var sum = Money.of("0.10", "USD").plus(Money.of("0.20", "USD"));
        assertThat(sum).isEqualTo(Money.of("0.30", "USD"));
        assertThat(Money.of("1.000", "KWD").minus(Money.of("0.001", "KWD"))).isEqualTo(Money.of("0.999", "KWD"));
    }

    @Test
    void text_that_is_no_number_is_refused_naming_the_field() {
        assertThatThrownBy(() -> Decimals.parse("12,50", "assets[0].amount"))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_NUMBER);
                    assertThat(e.field()).isEqualTo("assets[0].amount");
                });
    }

    @Test
    void conversion_goes_through_a_rate_with_source_and_time_rounds_once_and_records_it() {
        var asOf = Instant.parse("2025-03-01T16:00:00Z");
        var rate = new ExchangeRate(USD, Currency.getInstance("KWD"), new BigDecimal("0.30845"), "Central Bank of Kuwait", asOf);
        var conversion = rate.convert(Money.of("1234.57", "USD"));

        assertThat(conversion.exact()).isEqualByComparingTo("380.8031165");
        assertThat(conversion.result()).isEqualTo(Money.of("380.803", "KWD"));
        assertThat(conversion.rounding()).isEqualTo(RoundingMode.HALF_EVEN);
        assertThat(conversion.rate().source()).isEqualTo("Central Bank of Kuwait");
        assertThat(conversion.rate().asOf()).isEqualTo(asOf);
        assertThat(conversion.from()).isEqualTo(Money.of("1234.57", "USD"));
    }

    @Test
    void conversion_of_an_amount_not_in_the_rates_base_currency_is_a_mismatch() {
        var rate = new ExchangeRate(USD, EUR, new BigDecimal("0.92"), "ECB", Instant.EPOCH);
        assertThatThrownBy(() -> rate.convert(Money.of("1", "GBP")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        assertThatThrownBy(() -> new ExchangeRate(USD, EUR, BigDecimal.ZERO, "ECB", Instant.EPOCH))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INVALID_PRICE);
    }

    @Test
    void a_rate_from_a_currency_to_itself_is_one_and_makes_no_money() {
        assertThat(new ExchangeRate(USD, USD, new BigDecimal("1.000"), "identity", Instant.EPOCH)
                .convert(Money.of("100.00", "USD")).result()).isEqualTo(Money.of("100.00", "USD"));
        // 100.00 USD "converted" to 150.00 USD would be 50.00 USD created out of nothing
        assertThatThrownBy(() -> new ExchangeRate(USD, USD, new BigDecimal("1.5"), "typo", Instant.EPOCH))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PRICE);
                    assertThat(e.field()).isEqualTo("rate");
                });
    }
}
