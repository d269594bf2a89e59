package dev.amanah.finance.fund;

/**
 * The kinds of fund, kept apart because the law restricts how each may be spent. Money never
 * moves from one type to another by allocation; only a donor's instruction (or the rule that an
 * overpayment of zakat is sadaqah) puts it in a fund.
 */
public enum FundType {
    /** Obligatory zakat on wealth: only to the eight categories, administrators' share capped. */
    ZAKAT,
    /** Zakat al-fitr, the end-of-Ramadan charity: restricted like zakat. */
    ZAKAT_AL_FITR,
    /** Voluntary charity: any lawful beneficiary. */
    SADAQAH,
    /** Endowment: distributed according to the endowment's own terms. */
    WAQF,
    /** Unrestricted money of the organisation. */
    GENERAL;

    /** Whether payments from this fund must go to the eight categories of Qur'an 9:60. */
    public boolean restrictedToEightCategories() {
        return this == ZAKAT || this == ZAKAT_AL_FITR;
    }
}
