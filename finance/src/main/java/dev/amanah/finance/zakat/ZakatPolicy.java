package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The choices on which scholars and jurisdictions differ, set per organisation and overridable
 * per assessment. Immutable; the {@code with…} methods return a changed copy.
 *
 * <p>Defaults ({@link #defaults()}): nisab {@code LOWER_OF_TWO} of 85 g gold and 595 g silver,
 * {@code LUNAR} year (2.5 %), {@code ENDPOINTS} hawl, personal-use jewellery zakatable, every
 * asset kind counted in full. These are the Hanafi positions, taken together so the default is
 * one coherent school rather than a mixture.
 *
 * @param nisabStandard              which metal sets the threshold
 * @param goldNisabGrams             grams of pure gold in the gold nisab (85; 87.48 also in use)
 * @param silverNisabGrams           grams of pure silver in the silver nisab (595; 612.36 also in use)
 * @param yearBasis                  lunar or solar year, which sets the rate and the anniversary
 * @param hawlRule                   endpoints (Hanafi) or continuous (Shafi'i, Hanbali)
 * @param personalJewelleryZakatable whether gold and silver worn personally are counted
 * @param zakatableFractions         fraction of each asset kind that is counted; absent kinds count in full
 */
public record ZakatPolicy(
        NisabStandard nisabStandard,
        BigDecimal goldNisabGrams,
        BigDecimal silverNisabGrams,
        YearBasis yearBasis,
        HawlRule hawlRule,
        boolean personalJewelleryZakatable,
        Map<AssetKind, BigDecimal> zakatableFractions) {

    /** 85 g: 20 mithqal at 4.25 g. */
    public static final BigDecimal GOLD_NISAB_GRAMS = new BigDecimal("85");
    /** 595 g: 200 dirham at 2.975 g. */
    public static final BigDecimal SILVER_NISAB_GRAMS = new BigDecimal("595");

    /**
     * @throws FinanceException {@code INVALID_NISAB_WEIGHT} (field {@code policy.goldNisabGrams}
     *                          or {@code policy.silverNisabGrams}) unless positive,
     *                          {@code INVALID_FRACTION} (field {@code policy.fractions.<KIND>})
     *                          unless in [0, 1] (a missing fraction, null, is not in it)
     * @throws NullPointerException naming the component, for a null standard, year basis, hawl
     *                          rule, map of fractions or asset kind in that map: a programming
     *                          error, not an input one
     */
    public ZakatPolicy {
        Objects.requireNonNull(nisabStandard, "nisabStandard");
        Objects.requireNonNull(yearBasis, "yearBasis");
        Objects.requireNonNull(hawlRule, "hawlRule");
        requirePositive(goldNisabGrams, "policy.goldNisabGrams");
        requirePositive(silverNisabGrams, "policy.silverNisabGrams");
        Objects.requireNonNull(zakatableFractions, "zakatableFractions");
        zakatableFractions.forEach((kind, fraction) -> {
            Objects.requireNonNull(kind, "zakatableFractions holds a null asset kind");
            // A null fraction is an input left empty ("stocks:" in a YAML file): the same refusal as
            // any other fraction outside [0, 1], on the same field, not a bare NullPointerException.
            if (fraction == null || fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
                throw new FinanceException(ErrorCode.INVALID_FRACTION, "policy.fractions." + kind,
                        "a zakatable fraction must be between 0 and 1, was "
                                + (fraction == null ? "missing" : fraction.toPlainString()));
            }
        });
        zakatableFractions = Map.copyOf(zakatableFractions);
    }

    /** The Hanafi defaults described in the type's documentation. */
    public static ZakatPolicy defaults() {
        return new ZakatPolicy(NisabStandard.LOWER_OF_TWO, GOLD_NISAB_GRAMS, SILVER_NISAB_GRAMS,
                YearBasis.LUNAR, HawlRule.ENDPOINTS, true, Map.of());
    }

    /** This policy with another nisab standard. */
    public ZakatPolicy withNisabStandard(NisabStandard standard) {
        return new ZakatPolicy(standard, goldNisabGrams, silverNisabGrams, yearBasis, hawlRule,
                personalJewelleryZakatable, zakatableFractions);
    }

    /** This policy with other nisab weights (e.g. 87.48 g and 612.36 g). */
    public ZakatPolicy withNisabGrams(BigDecimal gold, BigDecimal silver) {
        return new ZakatPolicy(nisabStandard, gold, silver, yearBasis, hawlRule, personalJewelleryZakatable,
                zakatableFractions);
    }

    /** This policy with another year basis. */
    public ZakatPolicy withYearBasis(YearBasis basis) {
        return new ZakatPolicy(nisabStandard, goldNisabGrams, silverNisabGrams, basis, hawlRule,
                personalJewelleryZakatable, zakatableFractions);
    }

    /** This policy with another hawl rule. */
    public ZakatPolicy withHawlRule(HawlRule rule) {
        return new ZakatPolicy(nisabStandard, goldNisabGrams, silverNisabGrams, yearBasis, rule,
                personalJewelleryZakatable, zakatableFractions);
    }

    /** This policy with personal-use jewellery counted or not. */
    public ZakatPolicy withPersonalJewelleryZakatable(boolean zakatable) {
        return new ZakatPolicy(nisabStandard, goldNisabGrams, silverNisabGrams, yearBasis, hawlRule, zakatable,
                zakatableFractions);
    }

    /** This policy with one asset kind counted at {@code fraction}; see the constructor for errors. */
    public ZakatPolicy withZakatableFraction(AssetKind kind, BigDecimal fraction) {
        var fractions = new EnumMap<AssetKind, BigDecimal>(AssetKind.class);
        fractions.putAll(zakatableFractions);
        fractions.put(kind, fraction);
        return new ZakatPolicy(nisabStandard, goldNisabGrams, silverNisabGrams, yearBasis, hawlRule,
                personalJewelleryZakatable, fractions);
    }

    /** The fraction of an asset kind that is counted: the configured one, or 1. */
    public BigDecimal zakatableFraction(AssetKind kind) {
        return zakatableFractions.getOrDefault(kind, BigDecimal.ONE);
    }

    /** The nisab weight of a metal under this policy. */
    public BigDecimal nisabGrams(Metal metal) {
        return metal == Metal.GOLD ? goldNisabGrams : silverNisabGrams;
    }

    private static void requirePositive(BigDecimal grams, String field) {
        if (grams == null || grams.signum() <= 0) {
            throw new FinanceException(ErrorCode.INVALID_NISAB_WEIGHT, field, "a nisab weight must be positive, was " + grams);
        }
    }
}
