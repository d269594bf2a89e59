package dev.amanah.donations.payment;

import java.util.Objects;

/**
 * The provider knows the token: {@code fingerprint} names the card behind it, the same for every
 * token of that card (as Stripe's {@code card.fingerprint} does), and tells nothing of the card's
 * number.
 *
 * @param fingerprint the provider's fingerprint of the card; never blank
 */
public record CardFound(String fingerprint) implements CardLookup {
    public CardFound {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (fingerprint.isBlank()) {
            throw new IllegalArgumentException("a card fingerprint must not be blank");
        }
    }
}
