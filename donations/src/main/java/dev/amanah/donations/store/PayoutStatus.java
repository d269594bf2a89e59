package dev.amanah.donations.store;

/**
 * The life of a payout: {@code PENDING -> PAID}, or {@code PENDING -> FAILED -> PENDING} again
 * when it is retried. {@code PAID} is final.
 */
public enum PayoutStatus {
    /** To be paid, or being paid. */
    PENDING,
    /** The gateway paid it and the ledger booked it; final. */
    PAID,
    /** The last attempt failed; may be retried. */
    FAILED
}
