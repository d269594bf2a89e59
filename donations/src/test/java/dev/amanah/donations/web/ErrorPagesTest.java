package dev.amanah.donations.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser that opens a page that does not exist gets a page of the site saying so, 404, where
 * it got the API's JSON error; the API and the event streams answer JSON whatever the client
 * accepts, and a client that does not ask for HTML gets JSON everywhere.
 */
class ErrorPagesTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void anUnknownPageIsAPageOfTheSiteForABrowserAndJsonForAnyOtherClient(@TempDir Path dataDir) {
        var service = WebTestService.start(dataDir);
        try (var http = new Http(service.port())) {
            var page = http.get("/staff/no-such-page", "Accept", BROWSER);
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.response().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("<h1>Page not found</h1>", "No resource GET /staff/no-such-page", "href=\"/\"",
                    "/assets/app.css");

            for (var path : new String[] {"/api/no-such-thing", "/events/no-such-stream", "/health/x"}) {
                var json = http.get(path, "Accept", BROWSER);
                assertThat(json.status()).as(path).isEqualTo(404);
                assertThat(json.body()).as(path).startsWith("{").contains("\"NOT_FOUND\"");
            }
            var curl = http.get("/staff/no-such-page", "Accept", "*/*");
            assertThat(curl.status()).isEqualTo(404);
            assertThat(curl.body()).startsWith("{").contains("\"NOT_FOUND\"");
        } finally {
            service.stop();
        }
    }
}
