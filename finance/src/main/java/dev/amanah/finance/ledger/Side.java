package dev.amanah.finance.ledger;

/** The side of an entry. Debits count positive in balances, credits negative. */
public enum Side {
    /** Increases an asset or expense account, decreases a liability. */
    DEBIT,
    /** Decreases an asset or expense account, increases a liability. */
    CREDIT;

    /** The other side, as used by a reversal. */
    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }
}
