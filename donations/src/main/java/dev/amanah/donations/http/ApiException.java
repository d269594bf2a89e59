package dev.amanah.donations.http;

/**
 * Thrown by a handler (or the code it calls) to answer with an {@link ApiError}; the server turns
 * it into the error's status and JSON body. Nothing is written for a request that ends with one
 * before its pipeline started.
 */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.code() + (error.field() == null ? "" : " " + error.field()) + ": " + error.message(), null, false, false);
        this.error = error;
    }

    /** The answer to give. */
    public ApiError error() {
        return error;
    }
}
