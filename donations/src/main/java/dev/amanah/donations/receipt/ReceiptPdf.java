package dev.amanah.donations.receipt;

import dev.amanah.donations.receipt.PdfPage.Colour;
import dev.amanah.donations.receipt.PdfPage.Face;
import dev.amanah.donations.store.Receipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A receipt as a one-page A4 PDF: the organisation, the serial, the donor, the amount, the fund,
 * the campaign, the Gregorian and Hijri dates, the payment reference, and the statement that
 * nothing was given in return; a replacement also names the receipt it cancels and why.
 *
 * <p>Rendered from the stored {@link Receipt} and the receipts' zone alone, so the same receipt
 * always gives the same bytes (see {@link PdfFiles}): this is why receipts store their printed
 * fields, not PDF files.
 * Stateless and thread-safe; each call builds its own document.
 */
public final class ReceiptPdf {
    /** The sentence every receipt carries. */
    public static final String NO_BENEFIT = "No goods or services were provided in return for this donation.";

    private static final float LABEL_X = PdfPage.MARGIN;
    private static final float VALUE_X = PdfPage.MARGIN + 150;
    private static final float RIGHT = PdfPage.WIDTH - PdfPage.MARGIN;

    private ReceiptPdf() {
    }

    /** The file name to give the PDF: {@code receipt-AMN-2026-000123.pdf}. */
    public static String fileName(Receipt receipt) {
        return "receipt-" + receipt.serial() + ".pdf";
    }

    /**
     * The receipt's PDF.
     *
     * @param zone the receipts' zone ({@code receipts.zone}), in which the issue date is printed, as
     *             the date of donation and the serial's year already are
     */
    public static byte[] render(Receipt receipt, ZoneId zone) {
        try (var document = new PDDocument()) {
            var fonts = PdfPage.Fonts.load(document);
            try (var page = new PdfPage(document, fonts)) {
                draw(page, receipt, zone);
            }
            return PdfFiles.save(document, "Donation receipt " + receipt.serial(), receipt.issuedAt(), receipt.serial());
        } catch (IOException e) {
            throw new UncheckedIOException("rendering receipt " + receipt.serial(), e);
        }
    }

    private static void draw(PdfPage page, Receipt receipt, ZoneId zone) throws IOException {
        float top = PdfPage.HEIGHT - PdfPage.MARGIN;
        page.box(0, PdfPage.HEIGHT - 10, PdfPage.WIDTH, 10, Colour.ACCENT);
        var charity = receipt.charity();
        page.text(LABEL_X, top - 8, Face.BOLD, 17, Colour.ACCENT, page.fit(Face.BOLD, 17, charity.name(), 300));
        page.text(LABEL_X, top - 26, Face.REGULAR, 9.5f, Colour.MUTED, page.fit(Face.REGULAR, 9.5f, charity.address(), 300));
        page.text(LABEL_X, top - 39, Face.REGULAR, 9.5f, Colour.MUTED, "Registered charity no. " + charity.charityNumber());
        page.rightText(RIGHT, top - 8, Face.BOLD, 13, Colour.INK, receipt.replaces().isPresent()
                ? "REPLACEMENT RECEIPT" : "DONATION RECEIPT");
        page.rightText(RIGHT, top - 26, Face.REGULAR, 11, Colour.INK, "No. " + receipt.serial());
        // The row stores the issue instant, not a day: the day depends on the zone, and must be the
        // receipts' zone, or a receipt issued late in the UTC day (east of UTC) reads issued the day
        // before its own date of donation.
        var issuedOn = LocalDate.ofInstant(receipt.issuedAt(), zone);
        page.rightText(RIGHT, top - 39, Face.REGULAR, 9.5f, Colour.MUTED, "Issued " + Printed.day(issuedOn));
        float y = top - 58;
        page.rule(LABEL_X, RIGHT, y, 0.8f, Colour.ACCENT);
        y -= 30;
        if (receipt.replaces().isPresent()) {
            var correction = receipt.replaces().get();
            page.box(LABEL_X, y - 26, RIGHT - LABEL_X, 40, Colour.WARNING);
            page.text(LABEL_X + 10, y, Face.BOLD, 10, Colour.INK,
                    "This receipt replaces receipt " + correction.serial() + ", which is cancelled.");
            page.text(LABEL_X + 10, y - 15, Face.REGULAR, 9.5f, Colour.INK,
                    page.fit(Face.REGULAR, 9.5f, "Reason: " + correction.reason(), RIGHT - LABEL_X - 20));
            y -= 56;
        }
        page.text(LABEL_X, y, Face.REGULAR, 10, Colour.MUTED, "Received with thanks from");
        y -= 20;
        // Wrapped, never cut: the receipt is the donor's proof of the gift, in the donor's full name.
        var donorName = receipt.donor().name().orElse("Donor " + receipt.donor().id());
        y += 17;
        for (var line : page.wrap(Face.BOLD, 14, donorName, RIGHT - LABEL_X)) {
            y -= 17;
            page.text(LABEL_X, y, Face.BOLD, 14, Colour.INK, line);
        }
        if (receipt.donor().email().isPresent()) {
            y -= 3;
            for (var line : page.wrap(Face.REGULAR, 10, receipt.donor().email().get(), RIGHT - LABEL_X)) {
                y -= 12;
                page.text(LABEL_X, y, Face.REGULAR, 10, Colour.MUTED, line);
            }
        }
        y -= 44;
        page.box(LABEL_X, y - 16, RIGHT - LABEL_X, 46, Colour.PALE);
        page.text(LABEL_X + 12, y, Face.BOLD, 11, Colour.ACCENT, "Amount received");
        page.rightText(RIGHT - 12, y - 4, Face.BOLD, 20, Colour.INK, Printed.amount(receipt.amount()));
        y -= 50;
        for (var field : fields(receipt)) {
            page.text(LABEL_X, y, Face.BOLD, 10, Colour.MUTED, field.label());
            page.text(VALUE_X, y, Face.REGULAR, 10.5f, Colour.INK, page.fit(Face.REGULAR, 10.5f, field.value(), RIGHT - VALUE_X));
            y -= 8;
            page.rule(LABEL_X, RIGHT, y, 0.3f, new Colour(0.85f, 0.85f, 0.85f));
            y -= 15;
        }
        y -= 16;
        page.text(LABEL_X, y, Face.BOLD, 11, Colour.INK, NO_BENEFIT);
        y -= 18;
        page.text(LABEL_X, y, Face.REGULAR, 9.5f, Colour.MUTED,
                "Thank you for your generosity. May Allah accept it from you and reward you.");
        float footer = PdfPage.MARGIN + 20;
        page.rule(LABEL_X, RIGHT, footer + 16, 0.5f, Colour.ACCENT);
        page.text(LABEL_X, footer, Face.REGULAR, 8, Colour.MUTED,
                "Issued electronically; valid without signature. Please keep it for your records.");
        page.text(LABEL_X, footer - 11, Face.REGULAR, 8, Colour.MUTED,
                "Receipts are never altered: a correction is issued as a new receipt naming the one it replaces.");
    }

    private record Field(String label, String value) {
    }

    private static List<Field> fields(Receipt receipt) {
        var fields = new ArrayList<Field>();
        fields.add(new Field("Fund", Printed.fund(receipt.fundType())));
        fields.add(new Field("Campaign", receipt.campaignName()));
        fields.add(new Field("Date of donation", Printed.day(receipt.donatedOn())));
        fields.add(new Field("Hijri date", receipt.donatedOnHijri()));
        fields.add(new Field("Payment reference", receipt.paymentReference()));
        fields.add(new Field("Donation reference", receipt.donationId()));
        fields.add(new Field("Donor reference", receipt.donor().id()));
        return fields;
    }
}
