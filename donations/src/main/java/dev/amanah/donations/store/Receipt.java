package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An issued receipt as stored: never changed after it is written. Whether it was later replaced
 * is not a field of it but a fact about another receipt ({@link ReceiptStore#replacementOf}).
 *
 * @param serial           {@code PREFIX-YEAR-NUMBER}, e.g. {@code AMN-2026-000123}; unique
 * @param year             the serial's year (the donation's, in the receipts' time zone)
 * @param number           the serial's number: 1, 2, 3... per year, without gaps
 * @param donationId       the donation it acknowledges
 * @param replaces         for a correction, the receipt it cancels and why
 * @param charity          who issued it
 * @param donor            who gave, as printed
 * @param amount           what was given
 * @param fundType         the fund it went to
 * @param campaignId       the campaign
 * @param campaignName     the campaign's name
 * @param donatedOn        the day of the donation (Gregorian, in the receipts' time zone)
 * @param donatedOnHijri   the same day in the Hijri (Umm al-Qura) calendar, as printed
 * @param paymentReference the payment provider's reference of the charge
 * @param issuedAt         when it was issued (UTC)
 */
public record Receipt(String serial, int year, long number, String donationId, Optional<NewReceipt.Correction> replaces,
                      Charity charity, Donor donor, Money amount, FundType fundType, String campaignId,
                      String campaignName, LocalDate donatedOn, String donatedOnHijri, String paymentReference,
                      Instant issuedAt) {

    /** The serial of {@code number} in {@code year}: {@code AMN-2026-000123} (at least six digits). */
    public static String serial(String prefix, int year, long number) {
        // By hand, not String.format: it runs on SQLite's one writer thread for every receipt.
        var out = new StringBuilder(prefix.length() + 13).append(prefix).append('-');
        zeroPadded(out, year, 4);
        out.append('-');
        zeroPadded(out, number, 6);
        return out.toString();
    }

    /** Appends {@code value} with leading zeros up to {@code width} digits (a negative one as {@code %0Nd} would). */
    private static void zeroPadded(StringBuilder out, long value, int width) {
        var digits = Long.toString(Math.abs(value));
        if (value < 0) {
            out.append('-');
            width--;
        }
        out.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }
}
