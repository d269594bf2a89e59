package dev.amanah.finance;

/**
 * The stable, machine-readable reasons a finance operation refuses its input.
 *
 * <p>Codes are part of the public contract: clients (the CLI, the web API, reports) switch on them
 * and show them to people, so a code is never renamed or reused for another meaning. Each
 * {@link FinanceException} carries exactly one code and the name of the offending field.
 */
public enum ErrorCode {
    /** The text is not an ISO 4217 currency code known to the JDK. */
    UNKNOWN_CURRENCY,
    /** The code is ISO 4217 but has no minor-unit scale (gold, silver, testing, "no currency"). */
    NOT_A_PAYMENT_CURRENCY,
    /** The currency is valid but the organisation does not accept it. */
    CURRENCY_NOT_ACCEPTED,
    /** Two amounts in different currencies were combined without an exchange rate. */
    CURRENCY_MISMATCH,
    /** An amount has more decimals than its currency's ISO 4217 scale allows. */
    TOO_MANY_DECIMALS,
    /**
     * An amount is beyond what the ledger can hold: more than {@code Long.MAX_VALUE} minor units
     * of its currency (92233720368547758.07 USD), the most a ledger entry or a database column stores.
     */
    AMOUNT_TOO_LARGE,
    /** A decimal number could not be parsed. */
    NOT_A_NUMBER,
    /** An amount that must be zero or more was negative. */
    NEGATIVE_AMOUNT,
    /** A weight of metal was negative. */
    NEGATIVE_WEIGHT,
    /** A purity is outside (0, 1] or a karat outside (0, 24]. */
    INVALID_PURITY,
    /** A zakatable fraction or a cap is outside [0, 1]. */
    INVALID_FRACTION,
    /** A metal price needed by the assessment was not given. */
    MISSING_PRICE,
    /** A price or an exchange rate is zero or negative. */
    INVALID_PRICE,
    /** A weight standard for nisab is zero or negative. */
    INVALID_NISAB_WEIGHT,
    /** A balance history is needed (CONTINUOUS hawl) but was not given. */
    MISSING_BALANCE_HISTORY,
    /** A date is inconsistent with the others or outside the Hijri calendar's range. */
    INVALID_DATE,
    /** Allocation ratios are negative or all zero. */
    INVALID_RATIO,
    /** An allocation was asked for fewer than one part. */
    INVALID_PARTS,
    /** A zakat allocation names a recipient outside the eight categories of Qur'an 9:60. */
    NOT_ZAKAT_ELIGIBLE,
    /** The administrators' share of a zakat distribution is above the configured cap. */
    ADMINISTRATORS_CAP_EXCEEDED,
    /** A distribution plan was approved by the person who prepared it. */
    APPROVER_IS_PREPARER,
    /** A transaction has fewer than two entries. */
    TOO_FEW_ENTRIES,
    /** A ledger entry amount is zero or negative (the side says the direction). */
    NON_POSITIVE_ENTRY,
    /** Debits and credits of a transaction differ in some currency. */
    UNBALANCED_TRANSACTION,
    /** No transaction, transfer or donation with that id exists. */
    UNKNOWN_ID,
    /** An id is already in use. */
    DUPLICATE_ID,
    /** A transaction was already reversed. */
    ALREADY_REVERSED,
    /** A pending transfer was already posted or voided. */
    TRANSFER_NOT_PENDING,
    /** A refund would return more than the donation gave. */
    REFUND_EXCEEDS_DONATION,
    /** A fund does not hold enough to pay out. */
    INSUFFICIENT_FUNDS,
    /** A fund of the wrong type for the booking (zakat into a fund that is not a zakat fund). */
    WRONG_FUND_TYPE,
    /** A donation booked to an account that is neither a fund nor a campaign. */
    NOT_A_DONATION_TARGET
}
