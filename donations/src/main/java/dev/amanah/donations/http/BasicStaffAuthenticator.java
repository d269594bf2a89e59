package dev.amanah.donations.http;

import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.staff.StaffMember;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP Basic authentication ({@code Authorization: Basic base64(username:password)}, RFC 7617)
 * against the configured staff accounts ({@code staff.accounts}, BCrypt hashes). Use it over
 * TLS (a reverse proxy) beyond localhost: Basic sends the password with every request. A
 * malformed header is simply not authenticated. Thread-safe; blocks for one BCrypt check.
 */
public final class BasicStaffAuthenticator implements StaffAuthenticator {
    private final StaffDirectory directory;

    /** Checks passwords against {@code directory}. */
    public BasicStaffAuthenticator(StaffDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
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
        return directory.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
