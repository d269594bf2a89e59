package dev.amanah.donations.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.http.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One server-sent events stream to a browser ({@code text/event-stream}): named events with a JSON
 * line of data, and comments as heartbeats. Each write is flushed at once. Not thread-safe: the
 * request's own thread writes. A write to a browser that has gone throws {@link IOException}.
 */
final class EventStream implements AutoCloseable {
    private final OutputStream out;

    private EventStream(OutputStream out) {
        this.out = out;
    }

    /** Sends the stream's headers and opens it. */
    static EventStream open(ServerResponse response) {
        headers(response);
        return new EventStream(response.outputStream());
    }

    /** Sets the headers a stream is sent with. */
    static void headers(ServerResponse response) {
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.create("X-Accel-Buffering"), "no");
    }

    /** Sends event {@code name} with {@code data} as one JSON line. */
    void send(String name, JsonNode data) throws IOException {
        out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.write(Json.bytes(data)); // compact JSON: no newline inside
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends a comment, which browsers ignore: finds out whether the browser is still there. */
    void heartbeat() throws IOException {
        out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException gone) {
            // the browser left first: nothing to finish
        }
    }
}
