package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of the server-sent event streams: each event lands in a queue, read with a timeout. */
final class Events {
    /** One event; {@code closed} (no data) once the stream has ended. */
    record Event(String name, JsonNode data) {
    }

    private Events() {
    }

    /** Opens {@code path} as an event stream; its events arrive in the returned queue (a reader thread). */
    static BlockingQueue<Event> open(HttpClient client, int port, String path) throws IOException, InterruptedException {
        var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        var events = new ArrayBlockingQueue<Event>(10_000);
        Thread.ofVirtual().start(() -> read(response.body(), events));
        return events;
    }

    private static void read(InputStream body, BlockingQueue<Event> events) {
        try (var in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new Event(name, Json.MAPPER.readTree(line.substring(6))));
                } else if (line.isEmpty()) {
                    name = null;
                }
            }
        } catch (IOException ended) {
            // the stream was cut: reported as closed below
        }
        events.add(new Event("closed", null));
    }

    /** The next event, waiting at most 60 s. */
    static Event next(BlockingQueue<Event> events) throws InterruptedException {
        var event = events.poll(60, TimeUnit.SECONDS);
        assertThat(event).as("an event within 60 s").isNotNull();
        return event;
    }
}
