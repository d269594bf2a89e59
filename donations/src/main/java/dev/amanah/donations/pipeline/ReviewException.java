package dev.amanah.donations.pipeline;

import java.util.Objects;

/**
 * A refusal of a staff action on the review queue, with the HTTP status and stable code it is
 * answered with: 403 {@code FORBIDDEN} (a viewer deciding), 404 {@code NOT_HELD} (no such
 * donation, or it was never held), 409 {@code ALREADY_DECIDED}, 409 {@code CAMPAIGN_NOT_ACTIVE}
 * (release refused: the campaign no longer takes donations; reject it or reactivate the campaign),
 * 422 {@code INVALID_NOTE} (field {@code note}: a note that cannot be stored as typed, see
 * {@link dev.amanah.donations.store.FreeText}). Nothing was written when it is thrown.
 */
public final class ReviewException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    ReviewException(int status, String code, String message) {
        this(status, code, null, message);
    }

    ReviewException(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The stable code. */
    public String code() {
        return code;
    }

    /** The input field at fault, or null when the refusal is about no field. */
    public String field() {
        return field;
    }
}
