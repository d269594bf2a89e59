package dev.amanah.donations.auth;

import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The trail of staff actions (table {@code staff_actions}): who did what to which subject, with
 * what outcome, when. Append-only by use: nothing here updates or deletes. Thread-safe.
 */
public final class StaffAudit {
    /**
     * One recorded action.
     *
     * @param username who
     * @param action   what, e.g. {@code campaign.state}
     * @param subject  on what, e.g. a campaign id
     * @param outcome  how it ended, e.g. {@code ACTIVE -> PAUSED} or an error code
     * @param at       when
     */
    public record Entry(String username, String action, String subject, String outcome, Instant at) {
    }

    private final Database database;
    private final Clock clock;

    public StaffAudit(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records an action by {@code member} (texts cut to the columns' sizes). */
    public void record(StaffMember member, String action, String subject, String outcome) {
        database.useTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO staff_actions (username, action, subject, outcome, at_ms) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, member.username());
                ps.setString(2, cut(action, 64));
                ps.setString(3, cut(subject, 200));
                ps.setString(4, cut(outcome, 200));
                ps.setLong(5, clock.millis());
                ps.executeUpdate();
            }
        });
    }

    /** The {@code limit} most recent actions, newest first. */
    public List<Entry> recent(int limit) {
        return database.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT username, action, subject, outcome, at_ms FROM staff_actions ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (var rs = ps.executeQuery()) {
                    var out = new ArrayList<Entry>();
                    while (rs.next()) {
                        out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5))));
                    }
                    return out;
                }
            }
        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
