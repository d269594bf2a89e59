package dev.amanah.donations.mail;

import dev.amanah.donations.receipt.Printed;
import dev.amanah.donations.receipt.ReceiptPdf;
import dev.amanah.donations.store.Receipt;
import java.time.ZoneId;

/**
 * The e-mail that carries a receipt: to the donor, the receipt's PDF attached, and a Message-ID
 * derived from the serial so that a copy sent again after a crash is recognisable as the same mail.
 *
 * @param to             the recipient
 * @param subject        the subject line
 * @param body           the plain-text body
 * @param attachmentName the PDF's file name
 * @param pdf            the receipt's PDF
 * @param messageId      the Message-ID header, with its angle brackets
 */
public record ReceiptMail(String to, String subject, String body, String attachmentName, byte[] pdf, String messageId) {

    /**
     * The mail of {@code receipt} to {@code to}.
     *
     * @param zone the receipts' zone ({@code receipts.zone}), for the PDF's issue date (see {@link ReceiptPdf#render})
     */
    public static ReceiptMail of(Receipt receipt, String to, ZoneId zone) {
        var subject = receipt.replaces()
                .map(old -> "Replacement receipt " + receipt.serial() + " (cancels " + old.serial() + ") from " + receipt.charity().name())
                .orElse("Your donation receipt " + receipt.serial() + " from " + receipt.charity().name());
        var greeting = receipt.donor().name().map(name -> "Dear " + name + ",").orElse("Dear donor,");
        var correction = receipt.replaces()
                .map(old -> "This receipt replaces receipt " + old.serial() + ", which is cancelled (" + old.reason() + ").\n\n")
                .orElse("");
        var body = greeting + "\n\n"
                + "Thank you for your donation of " + Printed.amount(receipt.amount()) + " to " + receipt.campaignName()
                + " (" + Printed.fund(receipt.fundType()) + ") on " + Printed.day(receipt.donatedOn()) + " ("
                + receipt.donatedOnHijri() + ").\n\n"
                + correction
                + "Your receipt " + receipt.serial() + " is attached as a PDF; please keep it for your records. "
                + ReceiptPdf.NO_BENEFIT + "\n\n"
                + "With thanks,\n" + receipt.charity().name() + "\nRegistered charity no. " + receipt.charity().charityNumber() + "\n";
        return new ReceiptMail(to, subject, body, ReceiptPdf.fileName(receipt), ReceiptPdf.render(receipt, zone),
                "<" + receipt.serial() + ".receipt@amanah>");
    }
}
