package dev.amanah.donations.payment;

/**
 * What {@link PaymentGateway#lookup} returns: {@link Found}, {@link NotFound},
 * {@link TransientFailure} (the provider could not be asked; ask again) or {@link CircuitOpen}.
 */
public sealed interface LookupResult permits Found, NotFound, TransientFailure, CircuitOpen {
}
