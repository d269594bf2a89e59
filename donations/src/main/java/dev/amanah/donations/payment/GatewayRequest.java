package dev.amanah.donations.payment;

/** A request to a {@link PaymentGateway}: {@link ChargeRequest}, {@link RefundRequest} or {@link PayoutRequest}. */
public sealed interface GatewayRequest permits ChargeRequest, RefundRequest, PayoutRequest {

    /** The key that makes the request idempotent. */
    String idempotencyKey();
}
