package dev.amanah.donations.staff;

/**
 * What a member of staff may do. The split follows the four-eyes rule of a charity's treasury:
 * whoever prepares a movement of money is never the one who approves it.
 */
public enum Role {
    /** Reads every page and report; changes nothing. */
    VIEWER,
    /** Prepares distributions, issues refunds and changes campaign states; cannot approve. */
    PREPARER,
    /** Approves what a preparer prepared (never their own work), and may do what a preparer does. */
    APPROVER;

    /** Whether this role may prepare money movements and change campaigns. */
    public boolean canPrepare() {
        return this != VIEWER;
    }

    /** Whether this role may approve a prepared money movement. */
    public boolean canApprove() {
        return this == APPROVER;
    }
}
