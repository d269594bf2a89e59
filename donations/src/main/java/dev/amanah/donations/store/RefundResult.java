package dev.amanah.donations.store;

/** What {@link RefundStore#request} did. */
public sealed interface RefundResult {

    /** The refund it stored. */
    Refund refund();

    /** A new refund was booked. */
    record Requested(Refund refund) implements RefundResult {
    }

    /** The same key asked for the same refund before: nothing new was booked; here it is. */
    record AlreadyRequested(Refund refund) implements RefundResult {
    }
}
