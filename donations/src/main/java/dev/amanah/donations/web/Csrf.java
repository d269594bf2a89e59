package dev.amanah.donations.web;

import dev.amanah.donations.auth.Tokens;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * CSRF protection for forms used before login (the login form, the calculator): a double-submit
 * token, set as an {@code HttpOnly; SameSite=Strict} cookie ({@code Secure} too with
 * {@code http.secureCookies}, see {@link Cookies}) and repeated in a hidden field; a post
 * whose field does not equal its cookie is refused. Forms of a logged-in session carry the
 * session's own token instead ({@link StaffRoutes}). Stateless, thread-safe.
 */
final class Csrf {
    /** The hidden field's name. */
    static final String FIELD = "csrf";
    private static final String COOKIE = "amanah_csrf";

    private Csrf() {
    }

    /** The request's token, or a new one set as a cookie of {@code cookies} on {@code response}: put it in the form. */
    static String token(ServerRequest request, ServerResponse response, Cookies cookies) {
        var existing = Forms.cookie(request, COOKIE).filter(t -> t.length() == 43);
        if (existing.isPresent()) {
            return existing.get();
        }
        var token = Tokens.random();
        response.headers().add(HeaderNames.SET_COOKIE, cookies.set(COOKIE, token));
        return token;
    }

    /** Whether the posted {@code fields} carry the token of the request's cookie. */
    static boolean valid(ServerRequest request, Map<String, String> fields) {
        return Tokens.same(Forms.cookie(request, COOKIE).orElse(null), fields.get(FIELD));
    }

    /** The hidden input carrying {@code token}. */
    static String input(String token) {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.esc(token) + "\">";
    }
}
