package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * A refund as stored.
 *
 * @param id                   unique id
 * @param idempotencyKey       the key of the request (unique)
 * @param donationId           the donation refunded
 * @param amount               how much
 * @param status               where it is
 * @param releaseTransactionId the ledger transaction posted when it was requested
 * @param pendingTransferId    the ledger transfer held until the gateway answers
 * @param failureReason        why it was voided, if it was
 * @param requestedAt          when it was requested (UTC)
 * @param resolvedAt           when it was posted or voided (UTC)
 */
public record Refund(String id, String idempotencyKey, String donationId, Money amount, RefundStatus status,
                     long releaseTransactionId, long pendingTransferId, Optional<String> failureReason,
                     Instant requestedAt, Optional<Instant> resolvedAt) {
}
