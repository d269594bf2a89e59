package dev.amanah.donations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.net.TrustedProxies;
import io.helidon.webserver.http.HttpService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private ApiServer server;

    /** Parses {"n": whole number, "s": string} strictly and echoes them. */
    private final HttpService echo = rules -> rules
            .post("/echo", (request, response) -> {
                var fields = JsonRequest.read(request, 1024).allowOnly(Set.of("n", "s"));
                var body = Json.object();
                body.put("n", fields.wholeNumber("n"));
                body.put("s", fields.string("s", 10));
                Responses.json(response, 200, body);
            })
            .get("/slow", (request, response) -> {
                slowStarted.countDown();
                releaseSlow.await(10, TimeUnit.SECONDS);
                Responses.json(response, 200, Json.object().put("slow", "done"));
            })
            .get("/boom", (request, response) -> {
                throw new IllegalStateException("secret@example.org");
            });

    private void start(Duration grace) {
        server = ApiServer.start(new AmanahConfig.Http("127.0.0.1", 0, 1024, grace, 100, false, TrustedProxies.NONE),
                List.of(new HealthRoutes(List.of(new HealthRoutes.Check("recovery", ready::get))), echo), ErrorPage.NONE);
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void healthAndReadiness() throws Exception {
        start(Duration.ofSeconds(5));

        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        ready.set(false);
        var notReady = get("/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(json(notReady).get("error").asText()).isEqualTo("NOT_READY");
        assertThat(json(notReady).get("message").asText()).contains("recovery");
    }

    @Test
    void wellFormedBodyIsAccepted() throws Exception {
        start(Duration.ofSeconds(5));

        var response = post("/echo", "{\"n\": 2500, \"s\": \"abc\"}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("n").asLong()).isEqualTo(2500);
    }

    @Test
    void everyBadBodyIsAClear4xxWithItsCode() throws Exception {
        start(Duration.ofSeconds(5));

        assertError(post("/echo", utf8("{\"n\": 1, \"s\": \"a\", \"x\": 1}")), 400, "UNKNOWN_FIELD", "x");
        assertError(post("/echo", utf8("{\"n\": \"1\", \"s\": \"a\"}")), 400, "WRONG_TYPE", "n");
        assertError(post("/echo", utf8("{\"n\": 2.5, \"s\": \"a\"}")), 400, "NOT_AN_INTEGER", "n");
        assertError(post("/echo", utf8("{\"n\": 99999999999999999999, \"s\": \"a\"}")), 400, "NUMBER_TOO_LARGE", "n");
        assertError(post("/echo", utf8("{\"n\": 1" + "0".repeat(60) + ", \"s\": \"a\"}")), 400, "NUMBER_TOO_LARGE", null);
        assertError(post("/echo", utf8("{\"n\": 1}")), 400, "MISSING_FIELD", "s");
        assertError(post("/echo", utf8("{\"n\": 1, \"s\": \"a\"} trailing")), 400, "MALFORMED_JSON", null);
        assertError(post("/echo", utf8("{\"n\": 1, \"n\": 2, \"s\": \"a\"}")), 400, "MALFORMED_JSON", null);
        assertError(post("/echo", utf8("[1, 2]")), 400, "EXPECTED_OBJECT", null);
        assertError(post("/echo", utf8("")), 400, "EMPTY_BODY", null);
        assertError(post("/echo", new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                400, "MALFORMED_UTF8", null);
        assertError(post("/echo", utf8("{\"s\": \"" + "a".repeat(2000) + "\"}")), 413, "PAYLOAD_TOO_LARGE", null);
        assertError(post("/echo", utf8("{\"n\": 1, \"s\": \"a\"}"), "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type");
        assertError(get("/nowhere"), 404, "NOT_FOUND", null);
    }

    @Test
    void aPortAnotherProgramListensOnFailsTheStartInsteadOfServingNothing() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var config = new AmanahConfig.Http("127.0.0.1", taken.getLocalPort(), 1024, Duration.ofSeconds(5), 100, false,
                    TrustedProxies.NONE);

            assertThatThrownBy(() -> server = ApiServer.start(config, List.of(echo), ErrorPage.NONE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("http_not_listening")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    /**
     * The refusal to start says why the port could not be listened on, not a list of guesses
     * ("the port is taken, or the host is not an address of this machine") that sent an operator
     * of a port below 1024 looking for a program that was not there.
     */
    @Test
    void aPortThatCannotBeListenedOnIsRefusedSayingWhy() throws Exception {
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var config = new AmanahConfig.Http("127.0.0.1", taken.getLocalPort(), 1024, Duration.ofSeconds(5), 100, false,
                    TrustedProxies.NONE);

            assertThatThrownBy(() -> server = ApiServer.start(config, List.of(echo), ErrorPage.NONE))
                    .hasMessage("http_not_listening: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use (another program listens on this port: stop it, or set http.port)");
        }
        // TEST-NET-1 (RFC 5737): an address no interface of this machine has.
        var elsewhere = new AmanahConfig.Http("192.0.2.1", 8080, 1024, Duration.ofSeconds(5), 100, false, TrustedProxies.NONE);
        assertThatThrownBy(() -> server = ApiServer.start(elsewhere, List.of(echo), ErrorPage.NONE))
                .hasMessage("http_not_listening: cannot listen on 192.0.2.1:8080: Cannot assign requested address"
                        + " (http.host is not an address of this machine)");
    }

    /**
     * Helidon logged a SEVERE stack trace of some 40 lines for the port it could not bind just
     * before the refusal, which says the same in one line; the log gets nothing from the attempt.
     */
    @Test
    void aPortThatCannotBeListenedOnLeavesNoStackTraceInTheLog() throws Exception {
        var root = java.util.logging.Logger.getLogger("");
        var records = new java.util.concurrent.ConcurrentLinkedQueue<java.util.logging.LogRecord>();
        var handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(handler);
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var config = new AmanahConfig.Http("127.0.0.1", taken.getLocalPort(), 1024, Duration.ofSeconds(5), 100, false,
                    TrustedProxies.NONE);

            assertThatThrownBy(() -> server = ApiServer.start(config, List.of(echo), ErrorPage.NONE))
                    .hasMessageStartingWith("http_not_listening: cannot listen on 127.0.0.1:");
        } finally {
            root.removeHandler(handler);
        }
        assertThat(records).noneMatch(record -> record.getThrown() != null)
                .noneMatch(record -> record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue());
    }

    /** A port below 1024 refused to a user without the privilege is told so, with the way out (root is never refused one, so the words are tried). */
    @Test
    void aPrivilegedPortRefusedIsToldWhatItNeeds() {
        assertThat(BindFailure.explain("Permission denied", 80)).isEqualTo("Permission denied (a port below 1024 needs root"
                + " or the CAP_NET_BIND_SERVICE capability: set http.port to 1024 or above, behind a reverse proxy)");
        assertThat(BindFailure.explain("Permission denied", 8080)).isEqualTo("Permission denied");
    }

    @Test
    void unexpectedFailureIsA500WithoutTheExceptionText() throws Exception {
        start(Duration.ofSeconds(5));

        var response = get("/boom");

        assertError(response, 500, "INTERNAL_ERROR", null);
        assertThat(response.body()).doesNotContain("secret@example.org");
    }

    @Test
    void stopDrainsRunningRequestsAndRefusesNewOnes() throws Exception {
        start(Duration.ofSeconds(10));
        var slow = client.sendAsync(request("/slow").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

        var stopped = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            server.stop();
            stopped.countDown();
        });
        while (server.accepting()) {
            Thread.onSpinWait();
        }
        assertThat(stopped.getCount()).isEqualTo(1);
        assertError(get("/health"), 503, "SHUTTING_DOWN", null);

        releaseSlow.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void assertError(HttpResponse<String> response, int status, String code, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/json"));
        var body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        if (field == null) {
            assertThat(body.get("field").isNull()).isTrue();
        } else {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return post(path, body, "application/json");
    }

    private HttpResponse<String> post(String path, byte[] body, String type) throws Exception {
        return client.send(request(path).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
