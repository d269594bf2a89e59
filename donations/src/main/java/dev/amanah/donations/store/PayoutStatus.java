package dev.amanah.donations.store;

/**
 * The life of a payout: {@code PENDING -> PAID}, or {@code PENDING -> FAILED -> PENDING} again
 * when it is retried under its key; {@code PENDING -> DECLINED} when the provider refused it for
 * good, then staff either reissue it under a new key ({@code DECLINED -> FAILED}, paid by the next
 * run) or cancel it ({@code DECLINED -> CANCELLED}, its money back in the campaign). {@code PAID}
 * and {@code CANCELLED} are final.
 */
public enum PayoutStatus {
    /** To be paid, or being paid. */
    PENDING,
    /** The gateway paid it and the ledger booked it; final. */
    PAID,
    /** The last attempt failed or its outcome is unknown; the next run pays it under the same key. */
    FAILED,
    /**
     * The provider declined it: no money moved, and its key would be declined again, so no run
     * sends it. Its amount stays owed in the recipient's payable until staff reissue or cancel it.
     */
    DECLINED,
    /** Declined, then cancelled by an approver: its amount was returned to the campaign; final. */
    CANCELLED;

    /** Whether a payment run pays it: {@code PENDING} or {@code FAILED}. */
    public boolean payable() {
        return this == PENDING || this == FAILED;
    }

    /** Whether it is settled for good: {@code PAID} or {@code CANCELLED}. */
    public boolean settled() {
        return this == PAID || this == CANCELLED;
    }
}
