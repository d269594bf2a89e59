package dev.amanah.donations.payment;

/**
 * What {@link PaymentGateway#charge} returns: {@link Charged}, {@link Declined},
 * {@link TransientFailure} or {@link CircuitOpen}.
 */
public sealed interface ChargeOutcome permits Charged, Declined, TransientFailure, CircuitOpen {
}
