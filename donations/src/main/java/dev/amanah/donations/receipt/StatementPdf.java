package dev.amanah.donations.receipt;

import dev.amanah.donations.receipt.PdfPage.Colour;
import dev.amanah.donations.receipt.PdfPage.Face;
import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.Receipt;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A donor's statement for a period: one line per current receipt (date, serial, campaign, fund,
 * amount), then one per refund of those donations (its date, the receipt's serial, a negative
 * amount), and the total given per currency, net of the refunds, over as many A4 pages as it
 * takes. It lists receipts already issued and issues none: it is a summary, not a receipt. A
 * receipt stays as issued when its donation is refunded (receipts are never edited); the
 * statement shows the money given back, so that it never states as given what the donor got back.
 * The donor's name is printed whole, over as many lines as it takes, on every page.
 *
 * @param charity     the organisation
 * @param donorId     the donor
 * @param donorName   the name to print, if known
 * @param from        the first day of the period
 * @param to          the last day of the period (inclusive)
 * @param receipts    the donor's current receipts in the period, in the order to print
 * @param refunds     the posted refunds of those receipts' donations, in the order to print
 * @param generatedAt when the statement was made (its PDF's creation date)
 */
public record StatementPdf(Charity charity, String donorId, String donorName, LocalDate from, LocalDate to,
                           List<Receipt> receipts, List<Refund> refunds, Instant generatedAt) {
    /** The sentence that says what a statement is not. */
    public static final String NOT_A_RECEIPT = "This statement summarises receipts already issued; it is not itself a receipt.";
    /** The sentence under the totals of a statement that lists refunds. */
    public static final String REFUNDS_NETTED = "Refunds are shown as negative amounts and the totals are net of them;"
            + " the receipts stand as issued.";

    /**
     * Money given back from a donation on the statement.
     *
     * @param receiptSerial the serial of the donation's receipt on the statement
     * @param amount        how much, positive (printed negative)
     * @param refundedOn    the day it was given back
     */
    public record Refund(String receiptSerial, Money amount, LocalDate refundedOn) {
        /** Refuses a missing field or an amount that is not positive. */
        public Refund {
            Objects.requireNonNull(receiptSerial, "receiptSerial");
            Objects.requireNonNull(refundedOn, "refundedOn");
            if (amount.signum() <= 0) {
                throw new IllegalArgumentException("a refund of " + receiptSerial + " must be positive, was " + amount);
            }
        }
    }

    /** One printed line: a receipt or a refund. */
    private record Line(LocalDate day, String serial, String campaignName, FundType fund, Money amount) {
    }

    private static final float LEFT = PdfPage.MARGIN;
    private static final float RIGHT = PdfPage.WIDTH - PdfPage.MARGIN;
    private static final float[] COLUMNS = {LEFT, LEFT + 88, LEFT + 208, LEFT + 350};
    private static final float ROW = 17;

    /**
     * @throws IllegalArgumentException if a receipt is another donor's, or a refund is not of a
     *                                  listed receipt, in its currency
     */
    public StatementPdf {
        Objects.requireNonNull(charity, "charity");
        Objects.requireNonNull(donorId, "donorId");
        receipts = List.copyOf(receipts);
        refunds = List.copyOf(refunds);
        for (var receipt : receipts) {
            if (!receipt.donor().id().equals(donorId)) {
                throw new IllegalArgumentException("receipt " + receipt.serial() + " is not donor " + donorId + "'s");
            }
        }
        for (var refund : refunds) {
            receipt(receipts, refund); // throws if not listed or in another currency
        }
    }

    /** Total given per currency, net of the refunds, currencies in code order (a fully refunded donation adds nothing). */
    public Map<Currency, Money> totals() {
        var totals = new TreeMap<Currency, Money>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        lines().forEach(line -> totals.merge(line.amount().currency(), line.amount(), Money::plus));
        return totals;
    }

    /** The receipts' lines, then the refunds' (negative). */
    private List<Line> lines() {
        var lines = new ArrayList<Line>(receipts.size() + refunds.size());
        receipts.forEach(r -> lines.add(new Line(r.donatedOn(), r.serial(), r.campaignName(), r.fundType(), r.amount())));
        for (var refund : refunds) {
            var refunded = receipt(receipts, refund);
            lines.add(new Line(refund.refundedOn(), refunded.serial(), "Refund: " + refunded.campaignName(), refunded.fundType(),
                    refund.amount().negate()));
        }
        return lines;
    }

    private static Receipt receipt(List<Receipt> receipts, Refund refund) {
        var receipt = receipts.stream().filter(r -> r.serial().equals(refund.receiptSerial())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("refund of " + refund.receiptSerial() + ": no such receipt listed"));
        if (!receipt.amount().sameCurrencyAs(refund.amount())) {
            throw new IllegalArgumentException("refund of " + refund.receiptSerial() + " in " + refund.amount().currency()
                    + ", the receipt in " + receipt.amount().currency());
        }
        return receipt;
    }

    /** The PDF. */
    public byte[] render() {
        var lines = lines();
        try (var document = new PDDocument()) {
            var fonts = PdfPage.Fonts.load(document);
            int index = 0;
            int pageNumber = 1;
            do {
                try (var page = new PdfPage(document, fonts)) {
                    float y = header(page, pageNumber);
                    while (index < lines.size() && y > PdfPage.MARGIN + 150) {
                        row(page, y, lines.get(index++));
                        y -= ROW;
                    }
                    if (index == lines.size()) {
                        footer(page, y);
                    }
                }
                pageNumber++;
            } while (index < lines.size());
            // The refunds are part of the file's identity: a statement that lists one is another document.
            return PdfFiles.save(document, "Statement of donations " + from + " to " + to, generatedAt,
                    donorId + "/" + from + "/" + to + "/" + receipts.stream().map(Receipt::serial).toList()
                            + (refunds.isEmpty() ? "" : "/" + refunds));
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the statement of donor " + donorId, e);
        }
    }

    private float header(PdfPage page, int pageNumber) throws IOException {
        float top = PdfPage.HEIGHT - PdfPage.MARGIN;
        page.box(0, PdfPage.HEIGHT - 10, PdfPage.WIDTH, 10, Colour.ACCENT);
        page.text(LEFT, top - 8, Face.BOLD, 17, Colour.ACCENT, page.fit(Face.BOLD, 17, charity.name(), 300));
        page.text(LEFT, top - 26, Face.REGULAR, 9.5f, Colour.MUTED, page.fit(Face.REGULAR, 9.5f, charity.address(), 300));
        page.text(LEFT, top - 39, Face.REGULAR, 9.5f, Colour.MUTED, "Registered charity no. " + charity.charityNumber());
        page.rightText(RIGHT, top - 8, Face.BOLD, 13, Colour.INK, "STATEMENT OF DONATIONS");
        page.rightText(RIGHT, top - 26, Face.REGULAR, 10, Colour.INK, Printed.day(from) + " to " + Printed.day(to));
        page.rightText(RIGHT, top - 39, Face.REGULAR, 9.5f, Colour.MUTED, "Page " + pageNumber);
        float y = top - 58;
        page.rule(LEFT, RIGHT, y, 0.8f, Colour.ACCENT);
        y -= 26;
        page.rightText(RIGHT, y, Face.REGULAR, 9.5f, Colour.MUTED, "Donor reference " + donorId);
        // Whole, as on a receipt: a tax document in part of the donor's name would not be theirs.
        // A name is at most 200 characters, so its lines leave room for rows on every page.
        var name = page.wrap(Face.BOLD, 12, donorName == null ? "Donor " + donorId : donorName, 330);
        for (int i = 0; i < name.size(); i++) {
            page.text(LEFT, y - i * 15, Face.BOLD, 12, Colour.INK, name.get(i));
        }
        y -= 28 + (name.size() - 1) * 15;
        page.box(LEFT, y - 5, RIGHT - LEFT, 18, Colour.PALE);
        page.text(COLUMNS[0] + 4, y, Face.BOLD, 9.5f, Colour.ACCENT, "Date");
        page.text(COLUMNS[1], y, Face.BOLD, 9.5f, Colour.ACCENT, "Receipt");
        page.text(COLUMNS[2], y, Face.BOLD, 9.5f, Colour.ACCENT, "Campaign");
        page.text(COLUMNS[3], y, Face.BOLD, 9.5f, Colour.ACCENT, "Fund");
        page.rightText(RIGHT - 4, y, Face.BOLD, 9.5f, Colour.ACCENT, "Amount");
        return y - ROW - 2;
    }

    private void row(PdfPage page, float y, Line line) throws IOException {
        page.text(COLUMNS[0] + 4, y, Face.REGULAR, 9.5f, Colour.INK, Printed.day(line.day()));
        page.text(COLUMNS[1], y, Face.REGULAR, 9.5f, Colour.INK, line.serial());
        page.text(COLUMNS[2], y, Face.REGULAR, 9.5f, Colour.INK,
                page.fit(Face.REGULAR, 9.5f, line.campaignName(), COLUMNS[3] - COLUMNS[2] - 8));
        page.text(COLUMNS[3], y, Face.REGULAR, 9.5f, Colour.INK, Printed.fund(line.fund()));
        page.rightText(RIGHT - 4, y, Face.REGULAR, 9.5f, Colour.INK, Printed.amount(line.amount()));
        page.rule(LEFT, RIGHT, y - 5, 0.3f, new Colour(0.88f, 0.88f, 0.88f));
    }

    private void footer(PdfPage page, float y) throws IOException {
        if (receipts.isEmpty()) {
            page.text(COLUMNS[0] + 4, y, Face.REGULAR, 9.5f, Colour.MUTED, "No donations in this period.");
            y -= ROW;
        }
        y -= 10;
        page.rule(LEFT, RIGHT, y + 8, 0.8f, Colour.ACCENT);
        for (var total : totals().values()) {
            y -= 8;
            page.text(COLUMNS[3], y, Face.BOLD, 10.5f, Colour.INK, "Total " + total.currency().getCurrencyCode());
            page.rightText(RIGHT - 4, y, Face.BOLD, 10.5f, Colour.INK, Printed.amount(total));
            y -= 10;
        }
        y -= 24;
        if (!refunds.isEmpty()) {
            page.text(LEFT, y, Face.REGULAR, 9, Colour.MUTED, REFUNDS_NETTED);
            y -= 12;
        }
        page.text(LEFT, y, Face.REGULAR, 9, Colour.MUTED, NOT_A_RECEIPT);
        page.text(LEFT, y - 12, Face.REGULAR, 9, Colour.MUTED, ReceiptPdf.NO_BENEFIT);
    }
}
