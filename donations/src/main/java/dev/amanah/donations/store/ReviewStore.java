package dev.amanah.donations.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Donations held for review by the fraud check, and the staff's decisions on them. A decision
 * locks the review's row and moves it out of {@code HELD} once, erasing the payment token; the
 * caller moves the donation and its idempotency key on in the same transaction (see
 * {@link dev.amanah.donations.pipeline.ReviewFlow}). Every method runs in its own transaction or
 * joins the caller's; thread-safe; blocks on the database.
 */
public final class ReviewStore {
    private static final String COLUMNS = "donation_id, status, payment_token, reason, held_at, decided_by, decided_at, decision_note";

    private final Database database;
    private final Sql sql;
    private final Clock clock;

    /** A store over an open database. */
    public ReviewStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Holds a donation for review, keeping the payment token to charge it on release.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown donation, {@code DUPLICATE} if it is held already
     */
    public DonationReview hold(String donationId, String paymentToken, String reason) {
        Limits.require("paymentToken", paymentToken, Limits.KEY);
        Limits.require("reason", reason, Limits.TEXT);
        return database.inTransaction(c -> {
            if (sql.one(c, "SELECT id FROM donations WHERE id = ?", rs -> rs.getString(1), donationId).isEmpty()) {
                throw new StoreException(StoreException.Code.NOT_FOUND, "no donation " + donationId);
            }
            var now = Sql.truncate(clock.instant());
            int inserted = sql.update(c, "INSERT INTO donation_reviews (donation_id, status, payment_token, reason, held_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", donationId, ReviewStatus.HELD, paymentToken, reason, now);
            if (inserted == 0) {
                throw new StoreException(StoreException.Code.DUPLICATE, "donation " + donationId + " is under review already");
            }
            return new DonationReview(donationId, ReviewStatus.HELD, Optional.of(paymentToken), reason, now,
                    Optional.empty(), Optional.empty(), Optional.empty());
        });
    }

    /** The review of a donation, if it was ever held. */
    public Optional<DonationReview> find(String donationId) {
        return database.inTransaction(c -> find(c, donationId, ""));
    }

    /** Whether the donation is held now (waiting for a decision). */
    public boolean isHeld(String donationId) {
        return find(donationId).filter(r -> r.status() == ReviewStatus.HELD).isPresent();
    }

    /** The donations held now, oldest first, at most {@code limit}. */
    public List<DonationReview> held(int limit) {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS + " FROM donation_reviews WHERE status = ? "
                + "ORDER BY held_at, donation_id LIMIT ?", this::review, ReviewStatus.HELD, limit));
    }

    /**
     * Decides a held review: {@code HELD -> RELEASED | REJECTED}, erasing the payment token.
     *
     * @return the review as it was before the decision (still holding the token, to charge on release)
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it was decided already
     */
    public DonationReview decide(String donationId, ReviewStatus decision, String decidedBy, Optional<String> note) {
        if (decision == ReviewStatus.HELD) {
            throw new IllegalArgumentException("a decision releases or rejects");
        }
        Limits.require("decidedBy", decidedBy, Limits.ID);
        note.ifPresent(n -> Limits.require("note", n, Limits.TEXT));
        return database.inTransaction(c -> {
            var review = find(c, donationId, sql.dialect().forUpdate()).orElseThrow(() -> new StoreException(
                    StoreException.Code.NOT_FOUND, "donation " + donationId + " was never held for review"));
            if (review.status() != ReviewStatus.HELD) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "donation " + donationId + " was " + review.status() + " already");
            }
            sql.update(c, "UPDATE donation_reviews SET status = ?, payment_token = NULL, decided_by = ?, decided_at = ?, "
                            + "decision_note = ? WHERE donation_id = ?",
                    decision, decidedBy, Sql.truncate(clock.instant()), note.orElse(null), donationId);
            return review;
        });
    }

    private Optional<DonationReview> find(Connection c, String donationId, String lock) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM donation_reviews WHERE donation_id = ?" + lock, this::review, donationId);
    }

    private DonationReview review(ResultSet rs) throws SQLException {
        return new DonationReview(rs.getString("donation_id"), ReviewStatus.valueOf(rs.getString("status")),
                Sql.optionalString(rs, "payment_token"), rs.getString("reason"), sql.instant(rs, "held_at"),
                Sql.optionalString(rs, "decided_by"), Optional.ofNullable(sql.instant(rs, "decided_at")),
                Sql.optionalString(rs, "decision_note"));
    }
}
