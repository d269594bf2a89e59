package dev.amanah.donations.http;

import dev.amanah.donations.staff.StaffMember;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Who is acting, for the staff API ({@code /api/distributions}, {@code /api/reviews}, refunds
 * and campaign writes): the one thing the HTTP layer asks of authentication. The routes call it
 * on every request; empty means not authenticated and is answered {@code 401 UNAUTHENTICATED};
 * the role is then checked by the route or the service called ({@code 403 FORBIDDEN}).
 *
 * <p>Implementations: {@link BasicStaffAuthenticator} (HTTP Basic against the configured staff
 * accounts). A session login (the dashboard) plugs in as another implementation, e.g.
 * {@code sessions.or(basic)}. An implementation must be thread-safe, must not throw for bad
 * credentials (empty instead), and must not consume the request's body. It may also check a
 * CSRF token for unsafe methods and answer empty when it is missing.
 */
@FunctionalInterface
public interface StaffAuthenticator {

    /** The member of staff the request is authenticated as, if any. */
    Optional<StaffMember> authenticate(ServerRequest request);

    /** This one, or else {@code other} when this one finds nobody. */
    default StaffAuthenticator or(StaffAuthenticator other) {
        return request -> authenticate(request).or(() -> other.authenticate(request));
    }

    /** Authenticates nobody: the staff API answers 401 to everyone. */
    static StaffAuthenticator nobody() {
        return request -> Optional.empty();
    }
}
