package dev.amanah.donations.store;

import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A donation as stored, in its current phase.
 *
 * @param id                  unique id
 * @param idempotencyKey      the key of the request that created it (unique)
 * @param campaignId          its campaign
 * @param donor               who gave
 * @param amount              what they gave
 * @param phase               where it is in the pipeline
 * @param failureReason       why it failed, when {@code FAILED}
 * @param gatewayChargeId     the gateway's charge id, from {@code CHARGED} on
 * @param ledgerTransactionId its ledger transaction, from {@code RECORDED} on
 * @param createdAt           when it was claimed (UTC)
 * @param updatedAt           when its phase last changed (UTC)
 */
public record Donation(String id, String idempotencyKey, String campaignId, Donor donor, Money amount,
                       DonationPhase phase, Optional<String> failureReason, Optional<String> gatewayChargeId,
                       OptionalLong ledgerTransactionId, Instant createdAt, Instant updatedAt) {
}
