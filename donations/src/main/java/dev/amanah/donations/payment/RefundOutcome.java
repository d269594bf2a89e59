package dev.amanah.donations.payment;

/**
 * What {@link PaymentGateway#refund} returns: {@link Refunded}, {@link Declined},
 * {@link TransientFailure} or {@link CircuitOpen}.
 */
public sealed interface RefundOutcome permits Refunded, Declined, TransientFailure, CircuitOpen {
}
