package dev.amanah.donations.store;

/** A held donation's review: {@code HELD -> RELEASED} or {@code HELD -> REJECTED}, once. */
public enum ReviewStatus {
    /** Waiting for a member of staff; nothing charged. */
    HELD,
    /** Released by staff: it goes on through the pipeline (charge, record, receipt). */
    RELEASED,
    /** Rejected by staff: failed, nothing charged. */
    REJECTED
}
