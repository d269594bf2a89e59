package dev.amanah.donations.http;

import dev.amanah.donations.staff.StaffMember;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Locale;

/**
 * The staff API's handlers: each runs only for an authenticated member of staff; anyone else gets
 * {@code 401 UNAUTHENTICATED} with {@code WWW-Authenticate: Basic realm="amanah-staff"}. A
 * {@link #preparer} handler also runs only for a role that may prepare (the staff pages' rule for
 * refunds and campaign changes); a viewer gets {@code 403 FORBIDDEN}. Thread-safe.
 */
final class StaffRequests {
    /** A handler that knows who is acting. */
    @FunctionalInterface
    interface StaffHandler {
        void handle(ServerRequest request, ServerResponse response, StaffMember by);
    }

    private final StaffAuthenticator authenticator;

    StaffRequests(StaffAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** {@code handler}, behind authentication. */
    Handler staff(StaffHandler handler) {
        return (request, response) -> {
            var member = authenticator.authenticate(request);
            if (member.isEmpty()) {
                response.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"amanah-staff\", charset=\"UTF-8\"");
                Responses.error(response, new ApiError(401, "UNAUTHENTICATED",
                        "Log in as a member of staff (HTTP Basic, or the dashboard's session)", null));
                return;
            }
            handler.handle(request, response, member.get());
        };
    }

    /** {@code handler}, behind authentication, for a preparer or an approver only (403 for a viewer). */
    Handler preparer(StaffHandler handler) {
        return staff((request, response, by) -> {
            if (!by.role().canPrepare()) {
                Responses.error(response, new ApiError(403, "FORBIDDEN",
                        "Your role (" + by.role().name().toLowerCase(Locale.ROOT) + ") cannot change campaigns or refund donations", null));
                return;
            }
            handler.handle(request, response, by);
        });
    }
}
