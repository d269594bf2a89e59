package dev.amanah.donations.web;

import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a login returns to: the staff page the browser asked for before it was sent to the login
 * form, carried as the login page's query parameter and form field {@value #FIELD}. The value
 * comes from the browser, so anyone can write a link that sets it; only a relative address of a
 * staff page of this site is followed, anything else is {@link #HOME}. Stateless, thread-safe.
 *
 * <p>A target is followed only if all of these hold, and each refusal closes a way out:
 * <ul>
 *   <li>at most {@value #MAX_LENGTH} characters, every one printable ASCII other than
 *       {@code \} and {@code #}: no CR/LF (header injection), no control or white space
 *       characters, no backslash (browsers read {@code /\host} as {@code //host}), no look-alike
 *       slashes outside ASCII, no fragment (a browser never sends one, so no page asked for has one);</li>
 *   <li>its path is {@code /staff} or starts with {@code /staff/}: no scheme, no host
 *       ({@code //host}), nothing outside the staff area, and not {@code /staff/login} itself;</li>
 *   <li>its path has no {@code %} escape at all (the staff pages' paths need none, and an encoded
 *       {@code /}, {@code \} or {@code .} is how a check of the written form is got round), no
 *       {@code //} and no {@code .} or {@code ..} segment (which would resolve outside
 *       {@code /staff});</li>
 *   <li>its query, decoded, is well formed and has no control character.</li>
 * </ul>
 * The rule is applied where the target is read (the page redirecting to the login, the login
 * page, the login post), never trusted from an earlier step.
 */
final class ReturnTarget {
    /** The login page's query parameter and form field naming the target. */
    static final String FIELD = "next";
    /** Where a login goes without a target, or with one that is refused. */
    static final String HOME = "/staff";
    /** The longest target followed; a staff page's address is far shorter. */
    private static final int MAX_LENGTH = 2048;
    private static final String LOGIN = "/staff/login";

    private ReturnTarget() {
    }

    /** {@code target} if a login may return to it; empty for null and for anything the rule refuses. */
    static Optional<String> of(String target) {
        return target != null && followed(target) ? Optional.of(target) : Optional.empty();
    }

    /**
     * The login page for a request that found no session: with the request's page as the target
     * if it is a GET (or HEAD) the rule allows and not {@link #HOME}; a bare login page for a form
     * post, which a redirect cannot repeat.
     */
    static String loginFor(ServerRequest request) {
        var method = request.prologue().method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)) {
            return LOGIN;
        }
        var query = request.query().rawValue();
        return of(request.path().rawPath() + (query.isEmpty() ? "" : "?" + query))
                .filter(target -> !target.equals(HOME))
                .map(target -> LOGIN + "?" + FIELD + "=" + URLEncoder.encode(target, StandardCharsets.UTF_8))
                .orElse(LOGIN);
    }

    /** The login form's hidden input carrying {@code target}, one {@link #of} allowed. */
    static String input(String target) {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.esc(target) + "\">";
    }

    private static boolean followed(String target) {
        if (target.isEmpty() || target.length() > MAX_LENGTH || !target.chars().allMatch(ReturnTarget::allowed)) {
            return false;
        }
        var q = target.indexOf('?');
        var path = q < 0 ? target : target.substring(0, q);
        return staffPath(path) && (q < 0 || plainQuery(target.substring(q + 1)));
    }

    private static boolean allowed(int c) {
        return c > ' ' && c < 0x7f && c != '\\' && c != '#';
    }

    private static boolean staffPath(String path) {
        if (!(path.equals(HOME) || path.startsWith(HOME + "/")) || path.equals(LOGIN)
                || path.indexOf('%') >= 0 || path.contains("//")) {
            return false;
        }
        for (var segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainQuery(String query) {
        try {
            return URLDecoder.decode(query, StandardCharsets.UTF_8).chars().noneMatch(Character::isISOControl);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
