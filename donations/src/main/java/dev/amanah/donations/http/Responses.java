package dev.amanah.donations.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerResponse;

/** Writes JSON answers (to a {@code HEAD}, their headers only). Stateless, thread-safe. */
public final class Responses {
    private Responses() {
    }

    /** Sends {@code body} as JSON with {@code status}. */
    public static void json(ServerResponse response, int status, JsonNode body) {
        response.status(status);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        HeadRequests.send(response, Json.bytes(body));
    }

    /** Sends the body of an error already serialised (a stored answer replayed as it was). */
    public static void json(ServerResponse response, int status, byte[] body) {
        response.status(status);
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        HeadRequests.send(response, body);
    }

    /** Sends {@code error} as {@code {"error", "message", "field"}}. */
    public static void error(ServerResponse response, ApiError error) {
        json(response, error.status(), body(error));
    }

    /** The JSON body of {@code error}. */
    public static JsonNode body(ApiError error) {
        var body = Json.object();
        body.put("error", error.code());
        body.put("message", error.message());
        if (error.field() == null) {
            body.putNull("field");
        } else {
            body.put("field", error.field());
        }
        return body;
    }
}
