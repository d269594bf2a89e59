package dev.amanah.finance.zakat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The result of assessing a metal by weight: zakat owed in grams of pure metal, or not due. */
public sealed interface WeightAssessment permits WeightAssessment.Due, WeightAssessment.NotDue {

    /** The metal assessed. */
    Metal metal();

    /** The zakatable weight of pure metal held. */
    Weight pureWeight();

    /** The metal's nisab weight. */
    Weight nisab();

    /** Every step taken. */
    Explanation explanation();

    /**
     * Zakat is due in kind.
     *
     * @param metal       the metal
     * @param pureWeight  pure weight held, at or above nisab
     * @param nisab       the nisab weight
     * @param zakatDay    the day the hawl completed
     * @param rate        the rate applied to the whole weight
     * @param zakat       {@code pureWeight × rate}, exact, in grams of pure metal
     * @param explanation every step
     */
    record Due(Metal metal, Weight pureWeight, Weight nisab, LocalDate zakatDay, BigDecimal rate, Weight zakat,
               Explanation explanation) implements WeightAssessment {
    }

    /**
     * Nothing is due.
     *
     * @param metal       the metal
     * @param pureWeight  pure weight held
     * @param nisab       the nisab weight
     * @param reason      why (figures in grams)
     * @param explanation every step
     */
    record NotDue(Metal metal, Weight pureWeight, Weight nisab, NotDueReason reason, Explanation explanation)
            implements WeightAssessment {
    }
}
