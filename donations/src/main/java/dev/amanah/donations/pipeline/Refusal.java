package dev.amanah.donations.pipeline;

import dev.amanah.donations.http.ApiError;
import java.util.Objects;

/**
 * Why a validation refused a donation: a stable code, the request field at fault (or null) and a
 * message without personal data. Answered as {@code 422}. Immutable.
 */
record Refusal(String code, String field, String message) {
    Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    ApiError toError() {
        return ApiError.unprocessable(code, field, message);
    }
}
