package dev.amanah.donations.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A receipt e-mail in the outbox.
 *
 * @param id            its id
 * @param receiptSerial the receipt it carries (one mail per receipt)
 * @param recipient     the donor's address
 * @param status        {@code PENDING} until sent, or given up on ({@code FAILED})
 * @param attempts      SMTP attempts made so far
 * @param nextAttemptAt when it may be tried next (while {@code PENDING})
 * @param lastError     the last failure, if any (no personal data)
 * @param failureKind   why it is {@code FAILED}, present exactly when it is (a mail given up on
 *                      without one, by a binary older than the V43 migration, is classed by its
 *                      last error: "gave up after ..." is {@code TRANSIENT}, anything else
 *                      {@code PERMANENT})
 * @param sentAt        when the SMTP server accepted it
 */
public record OutboxMail(long id, String receiptSerial, String recipient, Status status, int attempts, Instant nextAttemptAt,
                         Optional<String> lastError, Optional<FailureKind> failureKind, Optional<Instant> sentAt) {

    /** Where a mail is. {@code SENT} is final; {@code FAILED} too, unless staff or an operator queue it again. */
    public enum Status {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** Accepted by the SMTP server. */
        SENT,
        /** Refused for good, or out of attempts. */
        FAILED
    }

    /** Why a mail was given up on: what decides whether queueing it again can help. */
    public enum FailureKind {
        /**
         * The server could not be reached, refused this sender the session, or answered "later"
         * (4xx, or 552 to RCPT TO) until the attempts ran out: worth another try.
         */
        TRANSIENT,
        /**
         * Refused for good (a 5xx answer to the recipient or the message, a bad or refused address,
         * a receipt that cannot be rendered): another try fails the same. A refusal of the sender's
         * session (a refused greeting, authentication, or MAIL FROM) is never this.
         */
        PERMANENT
    }
}
