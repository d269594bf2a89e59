package dev.amanah.donations.http;

import java.util.Objects;

/**
 * An error answer of the API: an HTTP status and the JSON body
 * {@code {"error": CODE, "message": ..., "field": ...}}. {@code code} is stable (clients match on
 * it), {@code message} is for a person and never carries personal data, {@code field} names the
 * request field at fault or is null. Immutable.
 *
 * @param status  the HTTP status, 400 to 599
 * @param code    the stable error code, upper case with underscores
 * @param message what went wrong and, where it helps, what to do
 * @param field   the JSON field (dotted path) or header at fault, or null
 */
public record ApiError(int status, String code, String message, String field) {
    public ApiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** A 400 about one field. */
    public static ApiError badRequest(String code, String field, String message) {
        return new ApiError(400, code, message, field);
    }

    /** A 422: well-formed, but a business rule refuses it. */
    public static ApiError unprocessable(String code, String field, String message) {
        return new ApiError(422, code, message, field);
    }

    /** A 404 for a missing resource. */
    public static ApiError notFound(String code, String message) {
        return new ApiError(404, code, message, null);
    }

    /** This error as an exception, to leave a handler with. */
    public ApiException exception() {
        return new ApiException(this);
    }
}
