package dev.amanah.donations.payment;

/**
 * What {@link PaymentGateway#payout} returns: {@link PaidOut}, {@link Declined},
 * {@link TransientFailure} or {@link CircuitOpen}.
 */
public sealed interface PayoutOutcome permits PaidOut, Declined, TransientFailure, CircuitOpen {
}
