package dev.amanah.donations.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;

/**
 * The API's answer to a method a path does not serve: 405 {@code METHOD_NOT_ALLOWED} with an
 * {@code Allow} header naming those it does (RFC 9110 §15.5.6), where Helidon answers 404 "No
 * resource", as if the path did not exist. A path serving {@code GET} serves {@code HEAD} too
 * ({@link HeadRequests}), and its {@code Allow} says so.
 *
 * <p>Register it after a path's own routes: Helidon routes in the order of registration, and this
 * route takes every method.
 */
final class OtherMethods {
    /** The methods a path serves, as its {@code Allow} header names them. */
    enum Served {
        /** A path that only takes a POST (a command). */
        POST("POST"),
        /** A path that is only read. */
        GET("GET, HEAD"),
        /** A collection that is read and posted to. */
        GET_AND_POST("GET, HEAD, POST");

        private final String allow;

        Served(String allow) {
            this.allow = allow;
        }
    }

    private OtherMethods() {
    }

    /** Answers every method on {@code paths} that their own routes did not take with 405, naming {@code served}. */
    static void refuse(HttpRules rules, Served served, String... paths) {
        for (var path : paths) {
            rules.any(path, (request, response) -> {
                response.header(HeaderNames.ALLOW, served.allow);
                Responses.error(response, new ApiError(405, "METHOD_NOT_ALLOWED",
                        "Only " + served.allow + " is served on " + request.path().path(), null));
            });
        }
    }
}
