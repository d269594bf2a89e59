package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The checks every request to a {@link PaymentGateway} passes at construction, so a malformed
 * request fails in the caller with a stable error code (the message's first word) instead of
 * reaching the provider.
 *
 * <ul>
 *   <li>{@code invalid_idempotency_key}: 1 to 255 characters of {@code [A-Za-z0-9._:-]}.</li>
 *   <li>{@code invalid_amount}: zero or negative.</li>
 *   <li>{@code invalid_reference}: a token, donor, charge or recipient reference that is blank,
 *       longer than 255 characters or contains whitespace or control characters.</li>
 * </ul>
 */
public final class GatewayRequests {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,255}");
    private static final Pattern REFERENCE = Pattern.compile("\\p{Graph}{1,255}");

    private GatewayRequests() {
    }

    /**
     * @return {@code key}
     * @throws IllegalArgumentException {@code invalid_idempotency_key: ...}
     */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "idempotencyKey");
        if (!isKey(key)) {
            throw new IllegalArgumentException("invalid_idempotency_key: 1 to 255 characters of [A-Za-z0-9._:-] expected, got "
                    + key.length() + " characters");
        }
        return key;
    }

    /** Whether {@code key} passes {@link #requireKey}: 1 to 255 characters of {@code [A-Za-z0-9._:-]}. */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * @return {@code amount}
     * @throws IllegalArgumentException {@code invalid_amount: ...} if not positive
     */
    public static Money requirePositive(Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("invalid_amount: must be positive, was " + amount);
        }
        return amount;
    }

    /** Whether {@code reference} passes {@link #requireReference}: 1 to 255 printable ASCII characters, no blanks. */
    public static boolean isReference(String reference) {
        return reference != null && REFERENCE.matcher(reference).matches();
    }

    /**
     * @param what the field's name, for the message
     * @return {@code reference}
     * @throws IllegalArgumentException {@code invalid_reference: ...}
     */
    public static String requireReference(String reference, String what) {
        Objects.requireNonNull(reference, what);
        if (!isReference(reference)) {
            // The value itself is not echoed: it may be a card token or a person's identifier.
            throw new IllegalArgumentException("invalid_reference: " + what
                    + " must be 1 to 255 printable characters without spaces");
        }
        return reference;
    }
}
