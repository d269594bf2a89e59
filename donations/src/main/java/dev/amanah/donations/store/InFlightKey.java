package dev.amanah.donations.store;

import java.time.Instant;

/**
 * An idempotency key claimed but not yet answered, as recovery sees it after a crash.
 *
 * @param key         the key
 * @param fingerprint the fingerprint of the request that claimed it
 * @param claimedAt   when it was claimed (UTC, microsecond precision)
 */
public record InFlightKey(String key, String fingerprint, Instant claimedAt) {
}
