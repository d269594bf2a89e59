package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code HEAD} is answered with the headers a {@code GET} of the same resource gets and no body
 * (RFC 9110 §9.3.2), on one connection kept open: the next response read on it starts where it
 * should. A {@code HEAD} of an event stream is answered without opening the stream.
 */
class HeadRequestsTest {

    /** One response read off a raw connection: the status line and the headers, lower-cased names. */
    private record Head(String statusLine, Map<String, String> headers) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void aHeadGetsTheHeadersOfTheGetAndNoBodySoTheNextResponseOnTheConnectionIsReadWhole(@TempDir Path dataDir) throws IOException {
        var service = WebTestService.start(dataDir);
        try (var socket = new Socket("127.0.0.1", service.port())) {
            // bounds a read that would otherwise wait for ever for a stream's or a missing response
            socket.setSoTimeout(20_000);
            var in = socket.getInputStream();
            var out = socket.getOutputStream();
            for (var path : new String[] {"/health", "/ready", "/", "/api/campaigns", "/assets/app.css", "/api/no-such-thing"}) {
                var get = request(out, in, "GET", path);
                var getBody = in.readNBytes(Integer.parseInt(get.headers().get("content-length")));
                assertThat(getBody).as(path).isNotEmpty();

                var head = request(out, in, "HEAD", path);
                assertThat(head.status()).as(path).isEqualTo(get.status());
                assertThat(head.headers().get("content-type")).as(path).isEqualTo(get.headers().get("content-type"));
                assertThat(head.headers().get("content-length")).as(path).isEqualTo(String.valueOf(getBody.length));
            }
            // had the last HEAD been followed by a body, this would read that body as its status line
            assertThat(request(out, in, "GET", "/health").statusLine()).startsWith("HTTP/1.1 200");
        } finally {
            service.stop();
        }
    }

    @Test
    void aHeadOfAnEventStreamGetsTheStreamsHeadersWithoutOpeningIt(@TempDir Path dataDir) throws Exception {
        // one stream allowed: a HEAD that took it would leave the GET stream below refused with 503
        var service = WebTestService.start(dataDir, Map.of("AMANAH_HTTP_MAX_EVENT_STREAMS", "1"));
        var client = HttpClient.newHttpClient();
        try (var socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(20_000);
            var in = socket.getInputStream();
            var out = socket.getOutputStream();
            for (var path : new String[] {"/events/dashboard", "/events/processes"}) {
                var head = request(out, in, "HEAD", path);
                assertThat(head.status()).as(path).isEqualTo(200);
                assertThat(head.headers().get("content-type")).as(path).startsWith("text/event-stream");
            }
            // a stream opened by the HEAD would hold this connection: no answer would come
            var health = request(out, in, "GET", "/health");
            assertThat(health.statusLine()).startsWith("HTTP/1.1 200");
            assertThat(in.readNBytes(Integer.parseInt(health.headers().get("content-length"))))
                    .asString(StandardCharsets.UTF_8).isEqualTo("{\"status\":\"UP\"}");

            var events = Events.open(client, service.port(), "/events/dashboard");
            assertThat(Events.next(events).name()).isEqualTo("snapshot");
        } finally {
            service.stop();
            client.shutdownNow();
        }
    }

    private static Head request(OutputStream out, InputStream in, String method, String path) throws IOException {
        out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var statusLine = line(in);
        var headers = new LinkedHashMap<String, String>();
        for (var line = line(in); !line.isEmpty(); line = line(in)) {
            var colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new Head(statusLine, headers);
    }

    private static String line(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after: " + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
