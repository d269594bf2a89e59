package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.http.ApiError;
import dev.amanah.donations.http.ErrorPage;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * An unknown page or a page that failed, answered to a browser as a page of the site (its
 * navigation, the status, what went wrong, a way back) instead of the API's JSON error. A
 * request gets one when it asks for HTML ({@code Accept} names {@code text/html}, as a browser's
 * navigation does) and its path is not one of the JSON or event-stream ones ({@code /api},
 * {@code /events}, {@code /health}, {@code /ready}), whose clients read the JSON error whatever
 * they accept. Stateless, thread-safe.
 */
final class BrowserErrorPage implements ErrorPage {
    /** The one needed: it holds nothing. */
    static final BrowserErrorPage INSTANCE = new BrowserErrorPage();

    private static final List<String> MACHINE_PATHS = List.of("/api", "/events", "/health", "/ready");

    @Override
    public boolean send(ServerRequest request, ServerResponse response, ApiError error) {
        if (!wantsPage(request)) {
            return false;
        }
        var title = error.status() == 404 ? "Page not found" : error.status() >= 500 ? "Something went wrong" : "Not done";
        Html.send(response, error.status(), Html.page(title, "", null,
                "<section class=\"narrow\"><h1>" + esc(title) + "</h1><div class=\"card notice error\" role=\"alert\" id=\"notice\">"
                        + esc(error.message()) + " (" + error.status() + " " + esc(error.code()) + ")</div>"
                        + "<p><a href=\"/\">Back to the dashboard</a></p></section>"));
        return true;
    }

    private static boolean wantsPage(ServerRequest request) {
        var path = request.path().path();
        boolean machine = MACHINE_PATHS.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
        return !machine && request.headers().first(HeaderNames.ACCEPT).map(accept -> accept.contains("text/html")).orElse(false);
    }
}
