package dev.amanah.donations.web;

import dev.amanah.donations.auth.StaffSessions;
import dev.amanah.donations.auth.Tokens;
import dev.amanah.donations.http.StaffAuthenticator;
import dev.amanah.donations.staff.StaffMember;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The dashboard's login for the staff JSON API ({@code /api/distributions}, {@code /api/reviews},
 * refunds, campaign writes): the request's session cookie, and, for any method but GET and HEAD,
 * the session's CSRF token in the {@code X-CSRF-Token} header (a cross-site page can send the
 * cookie, never the header).
 * Without them it finds nobody, and the API's other authenticator (HTTP Basic) is asked. Reads no
 * body. Thread-safe.
 */
final class SessionAuthenticator implements StaffAuthenticator {
    /** The header carrying the session's CSRF token on unsafe requests. */
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final StaffSessions sessions;

    SessionAuthenticator(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Optional<StaffMember> authenticate(ServerRequest request) {
        var session = Forms.cookie(request, StaffRoutes.SESSION_COOKIE).flatMap(sessions::find);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        var method = request.prologue().method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            var token = request.headers().first(HeaderNames.create(CSRF_HEADER)).orElse(null);
            if (!Tokens.same(session.get().csrfToken(), token)) {
                return Optional.empty();
            }
        }
        return Optional.of(session.get().member());
    }
}
