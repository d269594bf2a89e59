package dev.amanah.donations.http;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * How the server may answer an error that no route answered itself (an unknown path, a failure)
 * with a page instead of the API's JSON error: for a browser on the web pages. Called on the
 * request's thread; must not throw.
 */
@FunctionalInterface
public interface ErrorPage {
    /** Answers only in JSON. */
    ErrorPage NONE = (request, response, error) -> false;

    /** Sends a page for {@code error} and returns true, or sends nothing and returns false (JSON is sent). */
    boolean send(ServerRequest request, ServerResponse response, ApiError error);
}
