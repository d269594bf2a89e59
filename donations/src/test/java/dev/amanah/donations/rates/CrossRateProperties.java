package dev.amanah.donations.rates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The bound {@link ReferenceRates} states: a conversion through a cross rate is less than one
 * minor unit of the target currency from the exact cross conversion
 * {@code amount × perEuro(to) / perEuro(from)}, for any amount below 10^19 minor units of the
 * target, whatever the published rates and the currencies' scales.
 */
class CrossRateProperties {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final MathContext WIDE = new MathContext(80);

    @Property(tries = 2000)
    void aCrossConversionIsWithinOneMinorUnitOfTheExactOne(@ForAll("perEuro") BigDecimal fromPerEuro,
                                                         @ForAll("perEuro") BigDecimal toPerEuro,
                                                         @ForAll("currency") Currency from, @ForAll("currency") Currency to,
                                                         @ForAll @LongRange(min = 1, max = 1_000_000_000_000_000_000L) long minorUnits) {
        if (from.equals(to)) {
            return;
        }
        var amount = Money.ofMinor(minorUnits, from);
        var exact = amount.amount().multiply(perEuro(to, toPerEuro), WIDE).divide(perEuro(from, fromPerEuro), WIDE);
        if (exact.movePointRight(Currencies.scale(to)).abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return; // beyond what Money holds (a long of minor units): refused with AMOUNT_TOO_LARGE
        }
        var rates = new ReferenceRates("test", Map.of(DAY, Map.of(from, fromPerEuro, to, toPerEuro)));

        var result = rates.rate(from, to, DAY).convert(amount).result();

        var minorUnit = BigDecimal.ONE.movePointLeft(Currencies.scale(to));
        assertThat(result.amount().subtract(exact).abs()).as("%s %s -> %s, exact %s", amount, from, to, exact)
                .isLessThan(minorUnit);
    }

    /** The worst case of the old 10-decimal rate: 10^9 IDR to euros came out a cent short. */
    @Example
    void aBillionRupiahConvertToEurosToTheCent() {
        var rates = new ReferenceRates("test", Map.of(DAY, Map.of(Currency.getInstance("IDR"), new BigDecimal("16793.20"))));

        var result = rates.rate(Currency.getInstance("IDR"), EUR, DAY).convert(Money.of("1000000000.00", "IDR")).result();

        // 1,000,000,000 / 16,793.20 = 59,547.907...; the 10-place rate 0.0000595479 gave 59,547.90.
        assertThat(result).isEqualTo(Money.of("59547.91", "EUR"));
    }

    private static BigDecimal perEuro(Currency currency, BigDecimal rate) {
        return currency.equals(EUR) ? BigDecimal.ONE : rate;
    }

    /** Rates as central banks publish them: up to 7 significant digits, from 0.000001 to 9,999,999. */
    @Provide
    Arbitrary<BigDecimal> perEuro() {
        return Arbitraries.integers().between(1, 9_999_999)
                .flatMap(unscaled -> Arbitraries.integers().between(0, 12).map(scale -> BigDecimal.valueOf(unscaled, scale)));
    }

    /** Currencies of every scale: none (JPY), two (USD, IDR, EUR), three (KWD). */
    @Provide
    Arbitrary<Currency> currency() {
        return Arbitraries.of("EUR", "USD", "IDR", "JPY", "KWD").map(Currency::getInstance);
    }
}
