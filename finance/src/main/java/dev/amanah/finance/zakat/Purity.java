package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The fineness of a metal: the fraction of pure metal by weight, in (0, 1]. 0.999 is fine gold,
 * 0.875 is 21 karat, 0.925 sterling silver.
 *
 * @param fineness the exact fraction of pure metal
 */
public record Purity(BigDecimal fineness) {

    /** Pure metal. */
    public static final Purity PURE = new Purity(BigDecimal.ONE);

    /** @throws FinanceException {@code INVALID_PURITY} (field {@code purity}) unless 0 < fineness ≤ 1 */
    public Purity {
        Objects.requireNonNull(fineness, "fineness");
        if (fineness.signum() <= 0 || fineness.compareTo(BigDecimal.ONE) > 0) {
            throw new FinanceException(ErrorCode.INVALID_PURITY, "purity",
                    "fineness must be above 0 and at most 1, was " + fineness.toPlainString());
        }
    }

    /** A purity from its fineness; see the canonical constructor. */
    public static Purity fineness(BigDecimal fineness) {
        return new Purity(fineness);
    }

    /**
     * A purity from karats: {@code k / 24}. Where that fraction has no finite decimal (22 k is
     * 0.91666…) it is rounded <em>up</em> to four decimals (0.9167), the direction in which
     * zakat is never underpaid; 24, 21 and 18 karat are exact (1, 0.875, 0.75).
     *
     * @throws FinanceException {@code INVALID_PURITY} (field {@code purity}) unless 0 < karats ≤ 24
     */
    public static Purity karats(BigDecimal karats) {
        if (karats.signum() <= 0 || karats.compareTo(BigDecimal.valueOf(24)) > 0) {
            throw new FinanceException(ErrorCode.INVALID_PURITY, "purity",
                    "karats must be above 0 and at most 24, was " + karats.toPlainString());
        }
        BigDecimal fineness;
        try {
            fineness = karats.divide(BigDecimal.valueOf(24));
        } catch (ArithmeticException nonTerminating) {
            fineness = karats.divide(BigDecimal.valueOf(24), 4, RoundingMode.CEILING);
        }
        return new Purity(fineness);
    }

    /** Percent notation for explanations, e.g. {@code 87.5 %}. */
    @Override
    public String toString() {
        return Format.percent(fineness);
    }
}
