package dev.amanah.donations.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.http.ApiError;
import dev.amanah.donations.http.Json;
import dev.amanah.donations.http.Responses;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The HTTP answer to a donation request: a status and a JSON body, as sent the first time and as
 * stored with the idempotency key, so a replay is byte for byte the same. Immutable.
 *
 * @param status the HTTP status
 * @param body   the JSON body as text
 * @param stored whether it is (to be) stored as the key's final answer; a transient answer
 *               (409, 503 while the charge is uncertain) is not, so a retry gets a fresh one
 */
public record Answer(int status, String body, boolean stored) {
    public Answer {
        Objects.requireNonNull(body, "body");
    }

    /** A final answer with this body. */
    static Answer of(int status, ObjectNode body) {
        return new Answer(status, new String(Json.bytes(body), StandardCharsets.UTF_8), true);
    }

    /** A final error answer. */
    static Answer error(ApiError error) {
        return new Answer(error.status(), new String(Json.bytes(Responses.body(error)), StandardCharsets.UTF_8), true);
    }

    /** An error answer that is not stored: the client may retry the same key later. */
    static Answer transientError(ApiError error) {
        return new Answer(error.status(), error(error).body(), false);
    }

    /** The body's bytes. */
    public byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
