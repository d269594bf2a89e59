package dev.amanah.donations.store;

/**
 * The life of a distribution plan: {@code PREPARED -> APPROVED -> EXECUTING -> PAID}, or
 * {@code EXECUTING -> INCOMPLETE} when a run ends with payouts unpaid (executing it again pays
 * them: {@code INCOMPLETE -> EXECUTING}); {@code INCOMPLETE -> PAID} when staff cancel its last
 * declined payout; {@code PREPARED -> REJECTED}. {@code PAID} and {@code REJECTED} are final.
 */
public enum PlanStatus {
    /** Prepared by one member of staff; waits for another to approve or reject it. */
    PREPARED,
    /** Approved by a second member of staff; nothing moved yet. */
    APPROVED,
    /** Refused by a second member of staff; final, nothing moved. */
    REJECTED,
    /** Its money is committed in the ledger (campaign to payables) and its payouts are being paid. */
    EXECUTING,
    /**
     * A run ended with some payouts not paid: {@code FAILED} ones (the provider unavailable, the
     * outcome unknown) are paid by running it again; {@code DECLINED} ones wait for staff to
     * reissue or cancel them.
     */
    INCOMPLETE,
    /** Every payout settled: paid, or cancelled with its money returned to the campaign; final. */
    PAID
}
