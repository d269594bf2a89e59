package dev.amanah.finance.zakat;

/** What a step of an {@link Explanation} records. */
public enum StepKind {
    /** An asset counted, with its value and zakatable fraction. */
    ASSET,
    /** An asset put forward but not counted, and why. */
    EXCLUDED,
    /** A liability deducted, with the rule that set the deductible part. */
    LIABILITY,
    /** Total assets less total liabilities. */
    NET_WEALTH,
    /** The nisab used and why. */
    NISAB,
    /** The hawl check: start, anniversary, breaks. */
    HAWL,
    /** The rate applied to the whole net wealth. */
    RATE,
    /** The exact amount rounded to the minor unit. */
    ROUNDING,
    /** Due or not due, with the reason. */
    OUTCOME
}
