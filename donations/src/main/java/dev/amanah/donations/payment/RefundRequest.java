package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;

/**
 * A request to refund part or all of a charge.
 *
 * @param idempotencyKey the caller's key for this refund (one per refund, not the donation's key)
 * @param chargeId       the {@link Charged#chargeId()} to refund
 * @param amount         how much; positive, in the charge's currency
 * @throws IllegalArgumentException with an error code, see {@link GatewayRequests}
 */
public record RefundRequest(String idempotencyKey, String chargeId, Money amount) implements GatewayRequest {
    public RefundRequest {
        GatewayRequests.requireKey(idempotencyKey);
        GatewayRequests.requireReference(chargeId, "chargeId");
        GatewayRequests.requirePositive(amount);
    }
}
