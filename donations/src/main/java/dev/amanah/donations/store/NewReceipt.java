package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A receipt to issue: everything it prints, frozen now. The serial is given by
 * {@link ReceiptStore#issue}.
 *
 * @param donationId        the donation it acknowledges
 * @param serialPrefix      the serial's first part, 1 to 8 letters or digits
 * @param replaces          for a correction, the receipt it cancels and why; empty for the original
 * @param charity           who issues it
 * @param donor             who gave (name and e-mail as they are to be printed)
 * @param amount            what was given
 * @param fundType          the fund it went to
 * @param campaignId        the campaign
 * @param campaignName      the campaign's name
 * @param donatedOn         the day of the donation, in the receipts' time zone; its year is the serial's
 * @param donatedOnHijri    the same day in the Hijri calendar, as printed
 * @param paymentReference  the payment provider's reference of the charge
 */
public record NewReceipt(String donationId, String serialPrefix, Optional<Correction> replaces, Charity charity, Donor donor,
                         Money amount, FundType fundType, String campaignId, String campaignName, LocalDate donatedOn,
                         String donatedOnHijri, String paymentReference) {

    /**
     * What a replacement receipt corrects.
     *
     * @param serial the receipt it cancels
     * @param reason why, as printed (1 to 500 characters)
     */
    public record Correction(String serial, String reason) {
        /** @throws IllegalArgumentException for an empty or too long text */
        public Correction {
            Limits.require("replaces", serial, Limits.ID);
            Limits.require("reason", reason, Limits.TEXT);
        }
    }

    /** @throws IllegalArgumentException for a bad prefix, a non-positive amount or a text too long for its column */
    public NewReceipt {
        Limits.require("donationId", donationId, Limits.ID);
        if (serialPrefix == null || !serialPrefix.matches("[A-Za-z0-9]{1,8}")) {
            throw new IllegalArgumentException("serialPrefix must be 1 to 8 letters or digits, was " + serialPrefix);
        }
        Objects.requireNonNull(replaces, "replaces");
        Objects.requireNonNull(charity, "charity");
        Objects.requireNonNull(donor, "donor");
        Objects.requireNonNull(fundType, "fundType");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a receipt's amount must be positive, was " + amount);
        }
        Limits.require("campaignId", campaignId, Limits.ID);
        Limits.require("campaignName", campaignName, Limits.NAME);
        Objects.requireNonNull(donatedOn, "donatedOn");
        Limits.require("donatedOnHijri", donatedOnHijri, 40);
        Limits.require("paymentReference", paymentReference, Limits.REFERENCE);
    }
}
