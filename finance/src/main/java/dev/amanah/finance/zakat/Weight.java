package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A non-negative, exact weight in grams. Zakat on metals assessed by weight is itself a weight
 * (100 g of gold held a lunar year owes 2.5 g), so weights are a value type of their own, not money.
 *
 * @param grams the weight in grams, zero or more, any scale
 */
public record Weight(BigDecimal grams) implements Comparable<Weight> {

    /** @throws FinanceException {@code NEGATIVE_WEIGHT} (field {@code grams}) if negative */
    public Weight {
        Objects.requireNonNull(grams, "grams");
        if (grams.signum() < 0) {
            throw new FinanceException(ErrorCode.NEGATIVE_WEIGHT, "grams", "a weight must not be negative, was " + grams.toPlainString());
        }
    }

    /** A weight in grams; see the canonical constructor. */
    public static Weight grams(BigDecimal grams) {
        return new Weight(grams);
    }

    /** A weight in grams from decimal text ("85", "612.36"); {@code NOT_A_NUMBER} or {@code NEGATIVE_WEIGHT}. */
    public static Weight grams(String grams) {
        return new Weight(Decimals.parse(grams, "grams"));
    }

    /** The exact sum. */
    public Weight plus(Weight other) {
        return new Weight(grams.add(other.grams));
    }

    /** The exact product with a non-negative factor (a purity, a rate). */
    public Weight times(BigDecimal factor) {
        return new Weight(grams.multiply(factor));
    }

    /** Orders by value; 85 g equals 85.000 g in order. */
    @Override
    public int compareTo(Weight other) {
        return grams.compareTo(other.grams);
    }

    /** Plain decimal with the unit, e.g. {@code 2.5 g}. */
    @Override
    public String toString() {
        return Format.plain(grams) + " g";
    }
}
