package dev.amanah.finance.zakat;

import java.util.Locale;

/**
 * The kinds of zakatable wealth. Each has a zakatable fraction in the {@link ZakatPolicy}
 * (1 by default), for jurisdictions that count, say, only part of an investment.
 */
public enum AssetKind {
    /** Cash in hand and bank balances. */
    CASH,
    /** Gold by weight and purity, valued at the gold price. */
    GOLD,
    /** Silver by weight and purity, valued at the silver price. */
    SILVER,
    /** Goods held for sale, at market value on the assessment date. */
    TRADE_STOCK,
    /** Money owed to the assessed person that is expected to be repaid. */
    RECEIVABLE,
    /** Shares, funds and other investments, at market value. */
    INVESTMENT;

    /** Lower-case, space-separated label for explanation text ("trade stock"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
