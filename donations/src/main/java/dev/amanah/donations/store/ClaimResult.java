package dev.amanah.donations.store;

import java.util.Objects;

/**
 * What {@link IdempotencyStore#claim} found. Exactly one of any number of concurrent claims of a
 * new key gets {@link Claimed}; the others see the key as it stands when they read it.
 */
public sealed interface ClaimResult {

    /** The key was new and now belongs to this request: process it, then {@link IdempotencyStore#complete}. */
    record Claimed(String key) implements ClaimResult {
        /** Requires the key. */
        public Claimed {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Another request with the same fingerprint holds the key and has not answered yet (409). */
    record InFlight(String key) implements ClaimResult {
        /** Requires the key. */
        public InFlight {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The same request was answered before: replay this response. */
    record Completed(String key, int status, String body) implements ClaimResult {
        /** Requires the key and body. */
        public Completed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(body, "body");
        }
    }

    /** The key was used for a different request (another fingerprint): refuse (422). */
    record Mismatch(String key) implements ClaimResult {
        /** Requires the key. */
        public Mismatch {
            Objects.requireNonNull(key, "key");
        }
    }
}
