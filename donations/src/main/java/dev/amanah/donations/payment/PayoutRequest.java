package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;

/**
 * A request to pay money out to a recipient (a zakat distribution).
 *
 * @param idempotencyKey the caller's key for this payout (e.g. plan id + recipient)
 * @param recipientRef   the provider's reference of the recipient's account
 * @param amount         how much; positive
 * @throws IllegalArgumentException with an error code, see {@link GatewayRequests}
 */
public record PayoutRequest(String idempotencyKey, String recipientRef, Money amount) implements GatewayRequest {
    public PayoutRequest {
        GatewayRequests.requireKey(idempotencyKey);
        GatewayRequests.requireReference(recipientRef, "recipientRef");
        GatewayRequests.requirePositive(amount);
    }
}
