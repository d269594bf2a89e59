package dev.amanah.donations.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;

/**
 * The answer to a method a path does not serve: 405 {@code METHOD_NOT_ALLOWED} with an
 * {@code Allow} header naming those it does (RFC 9110 §15.5.6), where Helidon answers 404 "No
 * resource", as if the path did not exist. A path serving {@code GET} serves {@code HEAD} too
 * ({@link HeadRequests}), and its {@code Allow} says so. The API, {@code /health}, {@code /ready},
 * the event streams and the pages all answer so, each in its own body: the API's JSON error, or
 * for a page a page of the site when its {@link ErrorPage} sends one.
 *
 * <p>Register it after a path's own routes: Helidon routes in the order of registration, and this
 * route takes every method.
 */
public final class OtherMethods {
    /** The methods a path serves, as its {@code Allow} header names them. */
    public enum Served {
        /** A path that only takes a POST (a command). */
        POST("POST"),
        /** A path that is only read. */
        GET("GET, HEAD"),
        /** A collection (or a form) that is read and posted to. */
        GET_AND_POST("GET, HEAD, POST");

        private final String allow;

        Served(String allow) {
            this.allow = allow;
        }
    }

    private OtherMethods() {
    }

    /** Answers every method on {@code paths} that their own routes did not take with 405 in JSON, naming {@code served}. */
    static void refuse(HttpRules rules, Served served, String... paths) {
        refuse(rules, served, ErrorPage.NONE, paths);
    }

    /**
     * Answers every method on {@code paths} that their own routes did not take with 405, naming
     * {@code served}: with {@code page}'s page when it sends one, else in JSON.
     */
    public static void refuse(HttpRules rules, Served served, ErrorPage page, String... paths) {
        for (var path : paths) {
            rules.any(path, (request, response) -> {
                response.header(HeaderNames.ALLOW, served.allow);
                var error = new ApiError(405, "METHOD_NOT_ALLOWED", "Only " + served.allow + " is served on " + request.path().path(), null);
                if (!page.send(request, response, error)) {
                    Responses.error(response, error);
                }
            });
        }
    }
}
