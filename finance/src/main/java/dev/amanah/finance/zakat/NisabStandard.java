package dev.amanah.finance.zakat;

/** Which metal sets the nisab threshold. */
public enum NisabStandard {
    /** The value of the gold nisab weight (85 g by default). */
    GOLD,
    /** The value of the silver nisab weight (595 g by default). */
    SILVER,
    /**
     * The lower of the two values, so that more people pay and more reaches the poor; the view
     * many Hanafi scholars take for mixed wealth. Needs both prices.
     */
    LOWER_OF_TWO
}
