package dev.amanah.donations.staff;

import dev.amanah.finance.fund.ApprovedDistribution;
import java.util.Objects;

/**
 * An authenticated member of staff, as the service sees them once they have logged in: the name
 * that is recorded beside every action they take, and their role.
 *
 * @param username unique, non-blank login name; it is what the audit trail records
 * @param role     what they may do
 */
public record StaffMember(String username, Role role) {
    /** Refuses a blank name or a missing role. */
    public StaffMember {
        Objects.requireNonNull(role, "role");
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
    }

    /**
     * Whether this person may approve work that {@code preparedBy} prepared (four eyes): an
     * approver who is not {@code preparedBy}, names compared as the domain compares them
     * ({@link ApprovedDistribution#samePerson}: case, Unicode forms and invisible characters aside).
     */
    public boolean mayApproveWorkOf(String preparedBy) {
        return role.canApprove() && !ApprovedDistribution.samePerson(username, preparedBy);
    }
}
