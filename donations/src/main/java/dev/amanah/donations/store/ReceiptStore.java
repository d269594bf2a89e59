package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Issued receipts and their gap-free serials.
 *
 * <p><b>Serials.</b> Each year has one counter row, advanced ({@code INSERT ... ON CONFLICT DO
 * UPDATE ... RETURNING}) in the same transaction that inserts the receipt: PostgreSQL holds the
 * counter's row lock and SQLite its single write lock until commit, so two issues never share a
 * number, and an issue that rolls back rolls its number back with it. The numbers of a year are
 * therefore 1, 2, 3... with no gaps, as auditors expect.
 *
 * <p><b>One receipt per donation.</b> {@link #issue} locks the donation's row and returns the
 * donation's original receipt if it has one, so the pipeline, recovery and
 * {@code amanah receipts} may all try: one is issued. A partial unique index backs the rule.
 *
 * <p><b>Never edited.</b> Rows are only inserted (database triggers refuse {@code UPDATE} and
 * {@code DELETE}). A correction is a new receipt naming the one it replaces; a receipt can be
 * replaced once, so the current receipt of a donation is the end of a single chain.
 *
 * <p>Every method runs in its own transaction or joins the caller's; thread-safe; blocks on the
 * database.
 */
public final class ReceiptStore {
    private static final String COLUMNS = "serial, year, number, donation_id, replaces_serial, correction_reason, "
            + "organisation_name, organisation_address, charity_number, donor_id, donor_name, donor_email, amount_minor, "
            + "currency, fund_type, campaign_id, campaign_name, donated_on, donated_on_hijri, payment_reference, issued_at";

    private static final String CURRENT = "NOT EXISTS (SELECT 1 FROM receipts later WHERE later.replaces_serial = r.serial)";

    private final Database database;
    private final Sql sql;
    private final Clock clock;
    private final DonationStore donations;

    /** A store over an open database; {@code donations} gives the row lock that serialises issues. */
    public ReceiptStore(Database database, Clock clock, DonationStore donations) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.donations = Objects.requireNonNull(donations, "donations");
    }

    /**
     * What {@link #issue} did.
     *
     * @param receipt the receipt: the new one, or the donation's existing original
     * @param created whether it was issued by this call
     */
    public record Issued(Receipt receipt, boolean created) {
    }

    /**
     * Issues {@code receipt} with the next serial of its year, under the donation's row lock.
     * An original ({@code replaces} empty) for a donation that has one already returns that one
     * ({@code created} false) and issues nothing.
     *
     * @throws StoreException {@code NOT_FOUND} for an unknown donation or replaced serial;
     *                        {@code ILLEGAL_TRANSITION} if the donation is not recorded, or the
     *                        receipt to replace belongs to another donation or is already replaced
     */
    public Issued issue(NewReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return database.inTransaction(c -> {
            var donation = donations.locked(c, receipt.donationId());
            if (!donation.phase().isRecorded()) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "donation " + donation.id() + " is " + donation.phase() + ": only a recorded donation gets a receipt");
            }
            if (receipt.replaces().isEmpty()) {
                var original = originalOf(c, receipt.donationId());
                if (original.isPresent()) {
                    return new Issued(original.get(), false);
                }
            } else {
                checkReplaceable(c, receipt.donationId(), receipt.replaces().get().serial());
            }
            return new Issued(insert(c, receipt), true);
        });
    }

    /**
     * Issues the original receipt of a donation that the caller's transaction has itself just
     * moved to {@code RECORDED} (the pipeline's record-and-receipt transaction): then no receipt
     * of it can exist (a receipt needs a recorded donation, and none is ever deleted) and its row
     * is this transaction's until commit, so the lock and the look-up for an existing receipt that
     * {@link #issue} makes are skipped: the serial's update and the receipt's insert, two
     * statements. Should it be called otherwise, the database's one-original-per-donation index
     * refuses a second original ({@code DATABASE_ERROR}; nothing is issued).
     *
     * @throws IllegalArgumentException for a replacement ({@code replaces} present): use {@link #issue}
     */
    public Receipt issueForNewlyRecorded(NewReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        if (receipt.replaces().isPresent()) {
            throw new IllegalArgumentException("a replacement receipt is issued by issue(), which checks the chain");
        }
        return database.inTransaction(c -> insert(c, receipt));
    }

    /** Allocates the year's next serial and inserts the receipt with it, in the caller's transaction {@code c}. */
    private Receipt insert(Connection c, NewReceipt receipt) throws SQLException {
        int year = receipt.donatedOn().getYear();
        long number = sql.insertReturningId(c, """
                INSERT INTO receipt_serials (year, last_number) VALUES (?, 1)
                ON CONFLICT (year) DO UPDATE SET last_number = receipt_serials.last_number + 1
                RETURNING last_number""", year);
        var serial = Receipt.serial(receipt.serialPrefix(), year, number);
        var now = Sql.truncate(clock.instant());
        var donor = receipt.donor();
        sql.update(c, "INSERT INTO receipts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                serial, year, number, receipt.donationId(),
                receipt.replaces().map(NewReceipt.Correction::serial).orElse(null),
                receipt.replaces().map(NewReceipt.Correction::reason).orElse(null),
                receipt.charity().name(), receipt.charity().address(), receipt.charity().charityNumber(),
                donor.id(), donor.name().orElse(null), donor.email().orElse(null),
                receipt.amount().minorUnits(), receipt.amount().currency().getCurrencyCode(), receipt.fundType(),
                receipt.campaignId(), receipt.campaignName(), receipt.donatedOn(), receipt.donatedOnHijri(),
                receipt.paymentReference(), now);
        return new Receipt(serial, year, number, receipt.donationId(), receipt.replaces(), receipt.charity(),
                donor, receipt.amount(), receipt.fundType(), receipt.campaignId(), receipt.campaignName(),
                receipt.donatedOn(), receipt.donatedOnHijri(), receipt.paymentReference(), now);
    }

    private void checkReplaceable(Connection c, String donationId, String serial) throws SQLException {
        var old = sql.one(c, "SELECT " + COLUMNS + " FROM receipts WHERE serial = ?", this::receipt, serial)
                .orElseThrow(() -> new StoreException(StoreException.Code.NOT_FOUND, "no receipt " + serial));
        if (!old.donationId().equals(donationId)) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "receipt " + serial + " is for donation " + old.donationId() + ", not " + donationId);
        }
        var replacement = sql.one(c, "SELECT serial FROM receipts WHERE replaces_serial = ?", rs -> rs.getString(1), serial);
        if (replacement.isPresent()) {
            throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                    "receipt " + serial + " was already replaced by " + replacement.get());
        }
    }

    /** The receipt with this serial, if any. */
    public Optional<Receipt> find(String serial) {
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM receipts WHERE serial = ?", this::receipt, serial));
    }

    /**
     * The receipt with this serial.
     *
     * @throws StoreException {@code NOT_FOUND}
     */
    public Receipt get(String serial) {
        return find(serial).orElseThrow(() -> new StoreException(StoreException.Code.NOT_FOUND, "no receipt " + serial));
    }

    /** The first receipt issued for a donation, if any (replaced or not). */
    public Optional<Receipt> originalOf(String donationId) {
        return database.inTransaction(c -> originalOf(c, donationId));
    }

    private Optional<Receipt> originalOf(Connection c, String donationId) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM receipts WHERE donation_id = ? AND replaces_serial IS NULL",
                this::receipt, donationId);
    }

    /** A donation's receipt as it stands: the last of its chain of replacements, or none if none was issued. */
    public Optional<Receipt> currentOf(String donationId) {
        return database.inTransaction(c -> {
            var current = originalOf(c, donationId);
            for (Optional<Receipt> next; current.isPresent()
                    && (next = replacementOf(current.get().serial())).isPresent(); ) {
                current = next;
            }
            return current;
        });
    }

    /** The receipt that replaced the one with this serial, if it was replaced. */
    public Optional<Receipt> replacementOf(String serial) {
        return database.inTransaction(c -> sql.one(c, "SELECT " + COLUMNS + " FROM receipts WHERE replaces_serial = ?",
                this::receipt, serial));
    }

    /**
     * A donor's current receipts (not replaced) for donations made from {@code from} to
     * {@code to} inclusive, by date then serial.
     */
    public List<Receipt> currentForDonor(String donorId, LocalDate from, LocalDate to) {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS + " FROM receipts r WHERE donor_id = ?"
                + " AND donated_on >= ? AND donated_on <= ? AND " + CURRENT + " ORDER BY donated_on, serial",
                this::receipt, donorId, from, to));
    }

    /**
     * The posted refunds of the donations whose current receipts {@link #currentForDonor} lists for
     * the same donor and dates (posted by now, whenever that was), oldest first.
     */
    public List<ReceiptRefund> postedRefundsForDonor(String donorId, LocalDate from, LocalDate to) {
        return database.inTransaction(c -> sql.list(c, "SELECT f.id, r.serial, f.amount_minor, f.currency, f.resolved_at"
                + " FROM refunds f JOIN receipts r ON r.donation_id = f.donation_id WHERE r.donor_id = ?"
                + " AND r.donated_on >= ? AND r.donated_on <= ? AND " + CURRENT + " AND f.status = 'POSTED'"
                + " ORDER BY f.resolved_at, f.id",
                rs -> new ReceiptRefund(rs.getString("id"), rs.getString("serial"), Sql.money(rs, "amount_minor", "currency"),
                        sql.instant(rs, "resolved_at")), donorId, from, to));
    }

    /** The donors with a current receipt for a donation made from {@code from} to {@code to} inclusive, sorted. */
    public List<String> donorsWithReceipts(LocalDate from, LocalDate to) {
        return database.inTransaction(c -> sql.list(c, "SELECT DISTINCT donor_id FROM receipts r"
                + " WHERE donated_on >= ? AND donated_on <= ? AND " + CURRENT + " ORDER BY donor_id",
                rs -> rs.getString(1), from, to));
    }

    /**
     * The recorded donations (RECORDED or RECEIPTED) booked in {@code [from, until)} that have no
     * receipt, oldest first: what {@code amanah receipts} issues. Booked: their phase last changed
     * then, the day their receipt is dated ({@code ReceiptIssuer}), not the day they were created.
     */
    public List<String> recordedWithoutReceipt(Instant from, Instant until) {
        return database.inTransaction(c -> sql.list(c, """
                SELECT d.id FROM donations d
                WHERE d.phase IN ('RECORDED', 'RECEIPTED') AND d.updated_at >= ? AND d.updated_at < ?
                  AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.donation_id = d.id)
                ORDER BY d.updated_at, d.id""", rs -> rs.getString(1), from, until));
    }

    /**
     * Whether the refunds posted so far give back the whole of {@code donation}. A refund still
     * pending is not counted: the provider may refuse it and the money stay given.
     */
    public boolean refundedInFull(Donation donation) {
        long posted = database.inTransaction(c -> sql.one(c, "SELECT COALESCE(SUM(amount_minor), 0) FROM refunds"
                + " WHERE donation_id = ? AND status = 'POSTED'", rs -> rs.getLong(1), donation.id()).orElseThrow());
        return posted >= donation.amount().minorUnits();
    }

    /** How many receipts (originals and replacements) have a serial of {@code year}. */
    public long countInYear(int year) {
        return database.inTransaction(c -> sql.one(c, "SELECT COUNT(*) FROM receipts WHERE year = ?", rs -> rs.getLong(1), year)
                .orElseThrow());
    }

    private Receipt receipt(ResultSet rs) throws SQLException {
        var replaced = rs.getString("replaces_serial");
        var correction = replaced == null ? Optional.<NewReceipt.Correction>empty()
                : Optional.of(new NewReceipt.Correction(replaced, rs.getString("correction_reason")));
        return new Receipt(rs.getString("serial"), rs.getInt("year"), rs.getLong("number"), rs.getString("donation_id"),
                correction,
                new Charity(rs.getString("organisation_name"), rs.getString("organisation_address"), rs.getString("charity_number")),
                new Donor(rs.getString("donor_id"), Sql.optionalString(rs, "donor_email"), Sql.optionalString(rs, "donor_name")),
                Sql.money(rs, "amount_minor", "currency"), FundType.valueOf(rs.getString("fund_type")),
                rs.getString("campaign_id"), rs.getString("campaign_name"), sql.date(rs, "donated_on"),
                rs.getString("donated_on_hijri"), rs.getString("payment_reference"), sql.instant(rs, "issued_at"));
    }
}
