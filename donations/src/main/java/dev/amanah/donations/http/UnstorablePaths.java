package dev.amanah.donations.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Answers {@code 404 NOT_FOUND} to a request whose decoded path holds a zero character
 * ({@code %00}), before any route: no id can hold one (PostgreSQL cannot store it), and looking
 * one up on PostgreSQL is an error, which every route taking an id from its path answered with a
 * {@code 500}. One filter for the API and the pages alike. Stateless, thread-safe.
 */
final class UnstorablePaths implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (request.path().path().indexOf('\u0000') >= 0) {
            Responses.error(response, new ApiError(404, "NOT_FOUND", "No resource has a zero character in its path", null));
            return;
        }
        chain.proceed();
    }
}
