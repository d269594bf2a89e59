package dev.amanah.donations.store;

/** The life of a refund: {@code PENDING}, then {@code POSTED} or {@code VOIDED}, once. */
public enum RefundStatus {
    /** Requested and booked as a held transfer; the gateway has not answered. */
    PENDING,
    /** The gateway paid it back; the held transfer is posted. */
    POSTED,
    /** The gateway refused or it was abandoned; the held transfer is voided and the release reversed. */
    VOIDED
}
