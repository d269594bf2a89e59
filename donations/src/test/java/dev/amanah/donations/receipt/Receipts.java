package dev.amanah.donations.receipt;

import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewReceipt;
import dev.amanah.donations.store.Receipt;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Receipts as the store would return them, for the rendering tests. */
public final class Receipts {
    /** The organisation every test receipt names. */
    public static final Charity CHARITY = new Charity("Amanah Charitable Trust", "1 Example Street, London E1 1AA", "1234567");

    private Receipts() {
    }

    /** An original receipt of {@code amount} from Aisha Rahman on {@code day}. */
    public static Receipt receipt(String serial, Money amount, LocalDate day) {
        return new Receipt(serial, day.getYear(), Long.parseLong(serial.substring(serial.lastIndexOf('-') + 1)), "don_0123456789abcdef",
                Optional.empty(), CHARITY, Donor.of("donor-42", "aisha@example.org", "Aisha Rahman"), amount,
                FundType.ZAKAT, "ramadan-2026", "Ramadan 2026 food parcels", day, HijriDates.format(day), "ch_1187",
                Instant.parse("2026-02-18T10:15:30Z"));
    }

    /** {@code original} corrected: a new serial, a new donor name, the old serial named. */
    public static Receipt replacement(Receipt original, String serial, String donorName, String reason) {
        return new Receipt(serial, original.year(), original.number() + 1, original.donationId(),
                Optional.of(new NewReceipt.Correction(original.serial(), reason)), original.charity(),
                Donor.of(original.donor().id(), original.donor().email().orElse(null), donorName), original.amount(),
                original.fundType(), original.campaignId(), original.campaignName(), original.donatedOn(),
                original.donatedOnHijri(), original.paymentReference(), original.issuedAt().plusSeconds(3600));
    }
}
