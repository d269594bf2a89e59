package dev.amanah.donations.payment;

import java.util.Objects;

/**
 * The provider settled the key: {@code outcome} is what a repeat of the request returns.
 *
 * @param idempotencyKey the key asked about
 * @param outcome        the settled outcome
 */
public record Found(String idempotencyKey, Settled outcome) implements LookupResult {
    public Found {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(outcome, "outcome");
    }
}
