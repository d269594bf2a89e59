package dev.amanah.finance.fund;

/** The eight categories of recipients of zakat named in Qur'an 9:60, in the verse's order. */
public enum ZakatCategory {
    /** al-fuqara': the poor. */
    POOR,
    /** al-masakin: the needy. */
    NEEDY,
    /** al-'amilin 'alayha: those who administer zakat; their share is capped by {@link DistributionRules}. */
    ADMINISTRATORS,
    /** al-mu'allafati qulubuhum: those whose hearts are to be reconciled. */
    HEARTS_TO_BE_RECONCILED,
    /** fi al-riqab: freeing captives. */
    FREEING_CAPTIVES,
    /** al-gharimin: debtors. */
    DEBTORS,
    /** fi sabil Allah: in the cause of God. */
    IN_THE_CAUSE_OF_GOD,
    /** ibn al-sabil: the stranded traveller. */
    STRANDED_TRAVELLERS
}
