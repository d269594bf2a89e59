package dev.amanah.donations.payment;

/**
 * An outcome the provider has recorded under an idempotency key and returns to every repeat of
 * the request: {@link Charged}, {@link Refunded}, {@link PaidOut} or {@link Declined}.
 */
public sealed interface Settled permits Charged, Refunded, PaidOut, Declined {
}
