package dev.amanah.donations.payment;

import java.util.Objects;

/**
 * The provider settled nothing under the key: no money moved for it, and a request with it is
 * processed as new.
 *
 * @param idempotencyKey the key asked about
 */
public record NotFound(String idempotencyKey) implements LookupResult {
    public NotFound {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
