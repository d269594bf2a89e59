package dev.amanah.donations.web;

import static dev.amanah.donations.web.Html.esc;

import dev.amanah.donations.auth.Session;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a staff form post did, carried by its redirect to the page that shows it: a {@link Kind}
 * ({@code DONE} or {@code REFUSED}) and a sentence. A refusal reads "Not done: ..." and is shown
 * as an error ({@code class="card notice error"}, {@code role="alert"}, announced at once by a
 * screen reader); anything else as a status ({@code class="card notice"}, {@code role="status"}).
 * Both carry {@code id="notice"} and the text escaped.
 *
 * <p><b>Why the kind is decided by the action and the notice is signed.</b> The kind is not
 * guessed from the words: the action that caught the refusal says so. It travels in the
 * redirect ({@code ?notice=TEXT&kind=done|refused&mac=M}) with a MAC, HMAC-SHA256 keyed by the
 * session's CSRF token over kind and text. The page shows a notice only when the MAC verifies
 * for the viewer's session; a link crafted by anyone else (who does not know that token) shows
 * nothing, so it can neither put words on a staff page nor make a refusal look done or the
 * reverse. A {@code kind} other than {@code done} or {@code refused}, a missing or wrong MAC,
 * or a notice made for another session is silently not shown: the page is otherwise the same.
 * The redirect's path is always one of the service's constant paths and the text, kind and MAC
 * are URL-encoded, so the redirect cannot be pointed elsewhere nor given another header or
 * parameter.
 *
 * @param kind whether the action was done or refused
 * @param text what happened, in words (plain text; escaped when shown)
 */
record Notice(Kind kind, String text) {
    /** Done or refused; the name in lower case is the redirect's {@code kind} parameter. */
    enum Kind {
        DONE, REFUSED;

        String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Kind> ofParameter(String parameter) {
            return switch (parameter) {
                case "done" -> Optional.of(DONE);
                case "refused" -> Optional.of(REFUSED);
                default -> Optional.empty();
            };
        }
    }

    private static final String REFUSED_PREFIX = "Not done: ";

    Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The action was done; {@code text} says what it did. */
    static Notice done(String text) {
        return new Notice(Kind.DONE, text);
    }

    /** The action was refused: "Not done: " and {@code why}. */
    static Notice refused(String why) {
        return new Notice(Kind.REFUSED, REFUSED_PREFIX + why);
    }

    /** A {@code 303} to {@code path} (a constant of the service) showing this notice to {@code session}. */
    void redirect(ServerResponse response, String path, Session session) {
        Html.redirect(response, path + "?notice=" + encode(text) + "&kind=" + kind.parameter() + "&mac=" + mac(session, kind, text));
    }

    /** The notice the request's query carries for {@code session}, if it is present and its MAC verifies. */
    static Optional<Notice> of(ServerRequest request, Session session) {
        var query = request.query();
        var text = query.first("notice").orElse("");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var mac = query.first("mac").orElse("");
        return query.first("kind").flatMap(Kind::ofParameter)
                .filter(kind -> MessageDigest.isEqual(mac(session, kind, text).getBytes(StandardCharsets.US_ASCII),
                        mac.getBytes(StandardCharsets.UTF_8)))
                .map(kind -> new Notice(kind, text));
    }

    /** The notice as HTML: an alert for a refusal, a status otherwise. */
    String html() {
        return switch (kind) {
            case REFUSED -> "<div class=\"card notice error\" role=\"alert\" id=\"notice\">" + esc(text) + "</div>";
            case DONE -> "<div class=\"card notice\" role=\"status\" id=\"notice\">" + esc(text) + "</div>";
        };
    }

    private static String mac(Session session, Kind kind, String text) {
        try {
            var hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(session.csrfToken().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            // A fixed label keeps this MAC apart from any other use of the token; kind has no newline.
            var signed = "amanah staff notice\n" + kind.parameter() + "\n" + text;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
