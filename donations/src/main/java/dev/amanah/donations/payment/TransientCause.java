package dev.amanah.donations.payment;

/** What made a call fail transiently; every cause is worth a retry with the same key. */
public enum TransientCause {
    /** No answer in time; the provider may have acted. */
    TIMEOUT,
    /** The provider answered with a server error (HTTP 5xx) before acting. */
    SERVER_ERROR,
    /** The provider could not be reached. */
    UNREACHABLE
}
