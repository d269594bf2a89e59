package dev.amanah.donations.pipeline;

import dev.amanah.donations.http.ApiError;
import java.util.Objects;

/**
 * Why a validation refused a donation: a stable code, the request field at fault (or null) and a
 * message without personal data. Answered as {@code 422}, except {@link #heldForReview()}: the
 * donation is then held for a member of staff (202). Immutable.
 *
 * @param detail for staff, not the donor: e.g. the fraud rules that were reached; null if none
 */
record Refusal(String code, String field, String message, String detail) {
    /** The code of the fraud check's REVIEW verdict. */
    static final String HELD_FOR_REVIEW = "DONATION_HELD_FOR_REVIEW";

    Refusal(String code, String field, String message) {
        this(code, field, message, null);
    }

    /** Whether this is not a refusal but a hold: the donation waits for staff, uncharged. */
    boolean heldForReview() {
        return HELD_FOR_REVIEW.equals(code);
    }

    Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    ApiError toError() {
        return ApiError.unprocessable(code, field, message);
    }
}
