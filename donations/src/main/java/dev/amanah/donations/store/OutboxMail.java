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
 * @param sentAt        when the SMTP server accepted it
 */
public record OutboxMail(long id, String receiptSerial, String recipient, Status status, int attempts, Instant nextAttemptAt,
                         Optional<String> lastError, Optional<Instant> sentAt) {

    /** Where a mail is. {@code SENT} and {@code FAILED} are final. */
    public enum Status {
        /** Waiting for its (next) attempt. */
        PENDING,
        /** Accepted by the SMTP server. */
        SENT,
        /** Refused for good, or out of attempts. */
        FAILED
    }
}
