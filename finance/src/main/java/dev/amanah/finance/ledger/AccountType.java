package dev.amanah.finance.ledger;

/**
 * The kinds of ledger account. Balances are kept debit-positive; the comment on each type says
 * which side it normally sits on.
 */
public enum AccountType {
    /** Money held at a payment gateway or bank on its way in or out (debit). */
    CLEARING,
    /** Money held in trust in a fund (credit). */
    FUND,
    /** Money raised by a campaign, held in trust like a fund (credit). */
    CAMPAIGN,
    /** The administrators' share of zakat, owed to the organisation's zakat staff (credit). */
    ADMINISTRATORS_SHARE,
    /** Fees charged by payment gateways (debit). */
    GATEWAY_FEES,
    /** Amounts owed to a recipient under an approved distribution (credit). */
    RECIPIENT_PAYABLE,
    /** Refunds owed to donors, awaiting the gateway (credit). */
    REFUNDS_PAYABLE
}
