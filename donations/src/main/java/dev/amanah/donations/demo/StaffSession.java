package dev.amanah.donations.demo;

import dev.amanah.donations.web.WebApp;
import java.net.http.HttpRequest;

/**
 * A member of staff's dashboard session, as the demo's own clients use it on the staff JSON API:
 * the session cookie and, since the API refuses an unsafe request without it, the session's CSRF
 * token in its header. Immutable.
 *
 * @param token     the session cookie's value
 * @param csrfToken the session's CSRF token
 */
record StaffSession(String token, String csrfToken) {
    /** {@code request} with this session's cookie and CSRF header. */
    HttpRequest.Builder sign(HttpRequest.Builder request) {
        return request.header("Cookie", WebApp.SESSION_COOKIE + "=" + token).header(WebApp.CSRF_HEADER, csrfToken);
    }
}
