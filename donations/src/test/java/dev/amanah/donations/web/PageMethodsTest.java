package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method a page, {@code /health}, {@code /ready} or an event stream does not serve is answered
 * as the API answers one: 405 with an {@code Allow} naming those it serves, where it got 404 "No
 * resource", as if the path did not exist. The body is the family's: a page of the site for a
 * browser on the pages, JSON on the machine paths whatever the client accepts.
 */
class PageMethodsTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String GET = "GET, HEAD";
    private static final String POST = "POST";
    private static final String BOTH = "GET, HEAD, POST";

    @Test
    void aMethodAPageOrAHealthPathDoesNotServeIs405NamingThoseItDoes(@TempDir Path dataDir) throws Exception {
        var pages = new String[][] {
                {"POST", "/", GET}, {"DELETE", "/processes", GET}, {"PUT", "/zakat", BOTH}, {"POST", "/assets/app.css", GET},
                {"PUT", "/staff/login", BOTH}, {"GET", "/staff/logout", POST}, {"POST", "/staff", GET},
                {"GET", "/staff/campaigns/ramadan/state", POST}, {"DELETE", "/staff/refunds", POST},
                {"POST", "/staff/distributions", GET}, {"GET", "/staff/distributions/plan_x/approve", POST},
                {"GET", "/staff/distributions/plan_x/payouts/r1/reissue", POST},
                {"PUT", "/staff/reviews", GET}, {"GET", "/staff/reviews/don_x/release", POST},
                {"POST", "/staff/receipts", GET}, {"GET", "/staff/mails/retry-transient", POST},
                {"GET", "/staff/mails/AMN-2026-000001/retry", POST}};
        var machines = new String[][] {
                {"POST", "/health", GET}, {"DELETE", "/ready", GET},
                {"POST", "/events/dashboard", GET}, {"PUT", "/events/processes", GET}};
        var service = WebTestService.start(dataDir);
        try (var client = HttpClient.newHttpClient()) {
            for (var c : pages) {
                var answer = send(client, service.port(), c[0], c[1]);
                var what = c[0] + " " + c[1] + ": " + answer.body();
                assertThat(answer.statusCode()).as(what).isEqualTo(405);
                assertThat(answer.headers().allValues("Allow")).as(what).containsExactly(c[2]);
                assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(answer.body()).as(what).contains("(405 METHOD_NOT_ALLOWED)", "href=\"/\"");
            }
            for (var c : machines) {
                var answer = send(client, service.port(), c[0], c[1]);
                var what = c[0] + " " + c[1] + ": " + answer.body();
                assertThat(answer.statusCode()).as(what).isEqualTo(405);
                assertThat(answer.headers().allValues("Allow")).as(what).containsExactly(c[2]);
                assertThat(answer.body()).as(what).startsWith("{").contains("\"METHOD_NOT_ALLOWED\"");
            }
        } finally {
            service.stop();
        }
    }

    private static HttpResponse<String> send(HttpClient client, int port, String method, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", BROWSER)
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
