package dev.amanah.donations.auth;

import dev.amanah.donations.staff.StaffMember;
import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in member of staff.
 *
 * @param member    who, with their role as stored now
 * @param csrfToken the token every form of this session must carry back
 * @param expiresAt when the session ends whatever happens
 */
public record Session(StaffMember member, String csrfToken, Instant expiresAt) {
    public Session {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
