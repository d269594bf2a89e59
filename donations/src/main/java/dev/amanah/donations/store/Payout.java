package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A payout as stored.
 *
 * @param id                  unique id
 * @param idempotencyKey      the key passed to the gateway (unique)
 * @param planId              the distribution plan
 * @param recipientId         who is paid
 * @param amount              how much
 * @param status              where it is
 * @param attempts            how many times payment was attempted
 * @param gatewayReference    the gateway's reference, once paid
 * @param failureReason       why the last attempt failed, when {@code FAILED}
 * @param ledgerTransactionId its ledger transaction, once paid
 * @param createdAt           when it was created (UTC)
 * @param updatedAt           when it last changed (UTC)
 */
public record Payout(String id, String idempotencyKey, String planId, String recipientId, Money amount,
                     PayoutStatus status, int attempts, Optional<String> gatewayReference,
                     Optional<String> failureReason, OptionalLong ledgerTransactionId, Instant createdAt,
                     Instant updatedAt) {
}
