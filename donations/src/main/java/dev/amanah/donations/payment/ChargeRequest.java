package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;

/**
 * A request to charge a donor's payment method. Two requests are "the same" for idempotency when
 * they are equal as records.
 *
 * @param idempotencyKey the caller's key for this charge (the donation's own key), see
 *                       {@link GatewayRequests#requireKey}
 * @param amount         what to charge; positive
 * @param paymentToken   the provider's token for the card or account (never the card number)
 * @param donorRef       the platform's reference of the donor, for the provider's records
 * @throws IllegalArgumentException with an error code, see {@link GatewayRequests}
 */
public record ChargeRequest(String idempotencyKey, Money amount, String paymentToken, String donorRef)
        implements GatewayRequest {
    public ChargeRequest {
        GatewayRequests.requireKey(idempotencyKey);
        GatewayRequests.requirePositive(amount);
        GatewayRequests.requireReference(paymentToken, "paymentToken");
        GatewayRequests.requireReference(donorRef, "donorRef");
    }
}
