package dev.amanah.donations.payment;

/**
 * What {@link PaymentGateway#cardFingerprint} returns: {@link CardFound}, {@link UnknownToken},
 * {@link TransientFailure} (the provider could not be asked; asking again is safe, nothing moves)
 * or {@link CircuitOpen} (not asked).
 */
public sealed interface CardLookup permits CardFound, UnknownToken, TransientFailure, CircuitOpen {
}
