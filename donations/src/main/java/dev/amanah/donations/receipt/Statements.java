package dev.amanah.donations.receipt;

import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.ReceiptStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Donors' statements for a date range, built from the receipts already issued (current ones only:
 * a replaced receipt is listed by its replacement) and the refunds posted so far of those
 * donations, which the statement nets out. Refunds are dated in the receipts' zone, as the
 * receipts are, so a refund never appears a day before the donation it returns. Issues nothing.
 * Thread-safe; blocks on the database.
 */
public final class Statements {
    private final ReceiptStore receipts;
    private final Charity charity;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * Statements of {@code charity} from {@code receipts}.
     *
     * @param zone  the zone of the receipts' dates ({@code receipts.zone}), in which refunds are dated
     * @param clock when a statement is generated
     */
    public Statements(ReceiptStore receipts, Charity charity, ZoneId zone, Clock clock) {
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.charity = Objects.requireNonNull(charity, "charity");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The donors who have a current receipt for a donation from {@code from} to {@code to} inclusive. */
    public List<String> donors(LocalDate from, LocalDate to) {
        checkRange(from, to);
        return receipts.donorsWithReceipts(from, to);
    }

    /**
     * The statement of one donor from {@code from} to {@code to} inclusive (empty of lines if
     * the donor has no receipt then), with the refunds of those donations; the name printed is
     * the one on the donor's latest receipt.
     *
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public StatementPdf forDonor(String donorId, LocalDate from, LocalDate to) {
        checkRange(from, to);
        var list = receipts.currentForDonor(donorId, from, to);
        var name = list.isEmpty() ? null : list.getLast().donor().name().orElse(null);
        var refunds = receipts.postedRefundsForDonor(donorId, from, to).stream()
                .map(r -> new StatementPdf.Refund(r.receiptSerial(), r.amount(), LocalDate.ofInstant(r.refundedAt(), zone)))
                .toList();
        return new StatementPdf(charity, donorId, name, from, to, list, refunds, clock.instant());
    }

    private static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /**
     * The file name of a statement: {@code statement-2026-01-01-to-2026-12-31-donor-1.pdf}, safe on
     * any file system. A donor id with other characters is written with {@code _} for them, then
     * {@code ~} (which no id written as it is contains) and the first 16 hex digits of the id's
     * SHA-256, so two donors never share a file. ({@code String.hashCode} served before: "x! " and
     * "x ?" share one, and the id {@code a_b-<hash of "a b">} was written as "a b" was.)
     */
    public static String fileName(StatementPdf statement) {
        var id = statement.donorId();
        var safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (!safe.equals(id)) {
            safe += "~" + sha256Prefix(id);
        }
        return "statement-" + statement.from() + "-to-" + statement.to() + "-" + safe + ".pdf";
    }

    private static String sha256Prefix(String id) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
