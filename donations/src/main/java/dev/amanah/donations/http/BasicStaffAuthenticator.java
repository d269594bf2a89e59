package dev.amanah.donations.http;

import dev.amanah.donations.auth.LoginThrottle;
import dev.amanah.donations.net.TrustedProxies;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.staff.StaffMember;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP Basic authentication ({@code Authorization: Basic base64(username:password)}, RFC 7617)
 * against the configured staff accounts ({@code staff.accounts}, BCrypt hashes). Use it over
 * TLS (a reverse proxy) beyond localhost: Basic sends the password with every request. A
 * malformed header is simply not authenticated.
 *
 * <p>Guessing is throttled as on the login page ({@link LoginThrottle}): a name with five failed
 * checks within 15 minutes (or an address with twenty) is not authenticated, even with the right
 * password, until the oldest failure leaves the window; give the login page's throttle so that
 * guesses through either door count together. The address is the request's client address
 * ({@link ClientAddress}): behind a trusted reverse proxy, the one it forwarded. Thread-safe; blocks
 * for one BCrypt check.
 */
public final class BasicStaffAuthenticator implements StaffAuthenticator {
    private final StaffDirectory directory;
    private final LoginThrottle throttle;
    private final TrustedProxies proxies;

    /**
     * Checks passwords against {@code directory}, throttled by a throttle of its own (5 failures per
     * name in 15 minutes), by the direct peer's address (no proxy trusted).
     */
    public BasicStaffAuthenticator(StaffDirectory directory) {
        this(directory, new LoginThrottle(Clock.systemUTC(), Duration.ofMinutes(15), 5), TrustedProxies.NONE);
    }

    /**
     * Checks passwords against {@code directory}; failures counted by {@code throttle}, by the
     * client address that {@code proxies} gives ({@code http.trustedProxies}).
     */
    public BasicStaffAuthenticator(StaffDirectory directory, LoginThrottle throttle, TrustedProxies proxies) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    @Override
    public Optional<StaffMember> authenticate(ServerRequest request) {
        var header = request.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 1024) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        var username = decoded.substring(0, colon);
        var address = ClientAddress.of(request, proxies);
        if (!throttle.allowed(username, address)) {
            return Optional.empty();
        }
        var member = directory.authenticate(username, decoded.substring(colon + 1));
        if (member.isEmpty()) {
            throttle.failed(username, address);
        } else {
            throttle.succeeded(username);
        }
        return member;
    }
}
