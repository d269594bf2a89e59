package dev.amanah.donations.receipt;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.pipeline.ReceiptStep;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.Donation;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.NewReceipt;
import dev.amanah.donations.store.Receipt;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.StoreException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues receipts: the pipeline's {@link ReceiptStep}, {@code amanah receipts}' way to fill gaps,
 * and corrections.
 *
 * <p>One database transaction holds the receipt (its serial allocated there, see
 * {@link ReceiptStore}), its mail in the outbox (when mail is on and the donor gave an address),
 * and the donation's move to {@code RECEIPTED}: a crash leaves all three or none, and a second
 * attempt (recovery, the command, a racing request) finds the receipt and issues nothing. A
 * receipt issued late is not issued at all if the donation was refunded in full meanwhile. Every
 * method joins the caller's transaction if there is one (the pipeline issues the receipt in the
 * transaction that records the donation). After the commit {@code mailQueued} is run
 * ({@link Database#afterCommit}; a cast to the mailer): the pipeline never waits for SMTP.
 *
 * <p>Thread-safe; every method blocks on the database.
 */
public final class ReceiptIssuer implements ReceiptStep {

    /**
     * What every receipt is issued with.
     *
     * @param charity      the organisation printed on it
     * @param serialPrefix the serials' prefix
     * @param zone         the zone of the donation's printed day (and the serial's year)
     * @param mailToDonors whether new receipts are queued for e-mail
     */
    public record Settings(Charity charity, String serialPrefix, ZoneId zone, boolean mailToDonors) {
        /** @throws NullPointerException for a missing part */
        public Settings {
            Objects.requireNonNull(charity, "charity");
            Objects.requireNonNull(serialPrefix, "serialPrefix");
            Objects.requireNonNull(zone, "zone");
        }

        /** The settings of a configuration. */
        public static Settings of(AmanahConfig.Receipts config) {
            var organisation = config.organisation();
            return new Settings(new Charity(organisation.name(), organisation.address(), organisation.charityNumber()),
                    config.serialPrefix(), config.zone(), config.mail().enabled());
        }
    }

    private final Database database;
    private final DonationStore donations;
    private final CampaignStore campaigns;
    private final ReceiptStore receipts;
    private final MailOutboxStore outbox;
    private final Settings settings;
    private final Runnable mailQueued;

    /** An issuer over the stores; {@code mailQueued} runs after a commit that queued a mail (it must not block). */
    public ReceiptIssuer(Database database, DonationStore donations, CampaignStore campaigns, ReceiptStore receipts,
                         MailOutboxStore outbox, Settings settings, Runnable mailQueued) {
        this.database = Objects.requireNonNull(database, "database");
        this.donations = Objects.requireNonNull(donations, "donations");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mailQueued = Objects.requireNonNull(mailQueued, "mailQueued");
    }

    /**
     * The donation's receipt (issued now unless it has one) and {@code RECEIPTED}, in one
     * transaction; idempotent.
     *
     * @throws StoreException {@code ILLEGAL_TRANSITION} if the donation is not recorded
     */
    @Override
    public Donation receipt(Donation recorded) {
        return database.inTransaction(c -> issueAndMark(recorded)).donation();
    }

    /**
     * {@link #receipt} for a donation the caller's transaction has just recorded: the receipt's
     * serial and row ({@link ReceiptStore#issueForNewlyRecorded}), its mail if any, and the phase
     * in one update, with the campaign's name and fund type from memory: no read of the donation,
     * of an earlier receipt or (after the first time) of the campaign.
     *
     * @throws StoreException {@code ILLEGAL_TRANSITION} if the donation is not recorded
     */
    @Override
    public Donation receiptNewlyRecorded(Donation recorded) {
        return database.inTransaction(c -> {
            var receipt = receipts.issueForNewlyRecorded(newReceipt(recorded, Optional.empty(), recorded.donor(), bookedOn(recorded)));
            if (queueMail(receipt)) {
                database.afterCommit(mailQueued);
            }
            return donations.receiptedFrom(recorded);
        });
    }

    /**
     * What {@link #issueFor} did.
     *
     * @param receipt  the donation's receipt; empty if it has none because it was refunded in full first
     * @param created  whether it was issued by this call
     * @param donation the donation, now {@code RECEIPTED}
     */
    public record Outcome(Optional<Receipt> receipt, boolean created, Donation donation) {
        /** @throws NullPointerException for a missing part */
        public Outcome {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(donation, "donation");
        }
    }

    /**
     * Issues the receipt of a recorded donation that has none (moving it to {@code RECEIPTED} if
     * it was {@code RECORDED}); one that has a receipt is returned as it is. A donation without
     * one whose posted refunds already gave all of it back gets none: it is moved to
     * {@code RECEIPTED} and nothing is mailed.
     *
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} if it is not recorded
     */
    public Outcome issueFor(String donationId) {
        return database.inTransaction(c -> issueAndMark(donations.get(donationId)));
    }

    /**
     * Inside the caller's transaction. The receipt is described from {@code donation} as given,
     * which may have been read earlier: what it prints (donor, amount, day, charge) never changes
     * once a donation is recorded, and {@link ReceiptStore#issue} checks the phase under the row's
     * lock. The phase move re-checks it too (a racing issuer may have receipted it meanwhile).
     */
    private Outcome issueAndMark(Donation donation) {
        if (receipts.originalOf(donation.id()).isEmpty() && receipts.refundedInFull(donation)) {
            // Late (receipts were off, or its receipt failed) and all given back meanwhile: a receipt
            // now, and its thank-you mail, would be for money the donor has back. A refund posted
            // after this check and before the issue below gives what a refund after any receipt
            // gives: the receipt stands and the donor's statement nets the refund.
            return new Outcome(Optional.empty(), false, donations.ensureReceipted(donation.id()));
        }
        var issued = receipts.issue(newReceipt(donation, Optional.empty(), donation.donor(), bookedOn(donation)));
        if (issued.created() && queueMail(issued.receipt())) {
            database.afterCommit(mailQueued);
        }
        var receipted = donations.ensureReceipted(donation.id());
        return new Outcome(Optional.of(issued.receipt()), issued.created(), receipted);
    }

    /**
     * Issues a replacement of the receipt {@code serial}: the same donation with the donor's name
     * and e-mail as corrected, a new serial, and the old serial named as cancelled (the old
     * receipt itself is not touched). Mailed to the corrected address when mail is on.
     *
     * @param donorName  the name to print, or empty for none
     * @param donorEmail the address to print (and mail to), or empty for none
     * @param reason     why, printed on the replacement
     * @throws StoreException {@code NOT_FOUND} for an unknown serial; {@code ILLEGAL_TRANSITION}
     *                        if it was already replaced
     */
    public Receipt correct(String serial, Optional<String> donorName, Optional<String> donorEmail, String reason) {
        return database.inTransaction(c -> {
            var old = receipts.get(serial);
            var donation = donations.get(old.donationId());
            var donor = new Donor(old.donor().id(), donorEmail, donorName);
            var issued = receipts.issue(newReceipt(donation, Optional.of(new NewReceipt.Correction(serial, reason)), donor,
                    old.donatedOn()));
            if (queueMail(issued.receipt())) {
                database.afterCommit(mailQueued);
            }
            return issued.receipt();
        });
    }

    private boolean queueMail(Receipt receipt) {
        return settings.mailToDonors() && receipt.donor().email().isPresent()
                && outbox.enqueue(receipt.serial(), receipt.donor().email().get());
    }

    /**
     * The day of the gift, for a donation still {@code RECORDED}: the day it was booked in the
     * ledger, when its phase last changed. That is the day it was charged, within the same
     * request, where the day it was created is not: a donation held for review is charged only
     * when staff release it, maybe in another month or year. (One that a restart recorded after a
     * crash is booked on the restart's day.) A donation already receipted keeps its receipt.
     */
    private LocalDate bookedOn(Donation recorded) {
        return LocalDate.ofInstant(recorded.updatedAt(), settings.zone());
    }

    private NewReceipt newReceipt(Donation donation, Optional<NewReceipt.Correction> replaces, Donor donor, LocalDate day) {
        var campaign = campaigns.facts(donation.campaignId()).orElseThrow(() -> new StoreException(
                StoreException.Code.NOT_FOUND, "no campaign " + donation.campaignId()));
        var reference = donation.gatewayChargeId().orElseThrow(() -> new StoreException(
                StoreException.Code.ILLEGAL_TRANSITION, "donation " + donation.id() + " has no charge to receipt"));
        return new NewReceipt(donation.id(), settings.serialPrefix(), replaces, settings.charity(), donor, donation.amount(),
                campaign.fundType(), campaign.id(), campaign.name(), day, HijriDates.format(day), reference);
    }
}
