package dev.amanah.finance.zakat;

/** How the year of possession (hawl) must have been held for zakat to fall due. */
public enum HawlRule {
    /**
     * Hanafi: nisab held at the start and at the end of the year; a dip below nisab in between
     * does not matter, but wealth falling to zero (or below) ends the hawl, which restarts when
     * nisab is reached again.
     */
    ENDPOINTS,
    /**
     * Shafi'i and Hanbali: wealth never below nisab during the year; any dip below ends the hawl,
     * which restarts when nisab is reached again. Needs a balance history.
     */
    CONTINUOUS
}
