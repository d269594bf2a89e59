package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.time.LocalDate;
import java.util.List;

/** Rows the store tests build on. */
final class Fixtures {
    static final String GATEWAY = "sandbox";

    private Fixtures() {
    }

    static Campaign activeCampaign(Store store, String id, Money goal) {
        store.campaigns().create(new NewCampaign(id, "Campaign " + id, FundType.SADAQAH, goal,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        return store.campaigns().moveTo(id, CampaignState.ACTIVE);
    }

    /** A donation taken through every phase up to RECORDED, with the usual ledger lines. */
    static Donation recordedDonation(Store store, String id, String campaignId, String donorId, Money amount) {
        store.donations().create(new NewDonation(id, "key-" + id, campaignId, Donor.of(donorId, null, null), amount));
        store.donations().markValidated(id);
        store.donations().markCharged(id, "ch-" + id);
        return store.donations().record(id, "donation " + id, donationEntries(campaignId, amount));
    }

    static List<Entry> donationEntries(String campaignId, Money amount) {
        return List.of(Entry.debit(Account.clearing(GATEWAY), amount), Entry.credit(Account.campaign(campaignId), amount));
    }

    static NewRefund refund(String id, String key, String donationId, String campaignId, Money amount) {
        return new NewRefund(id, key, donationId, amount, "refund " + id,
                List.of(Entry.debit(Account.campaign(campaignId), amount), Entry.credit(Account.refundsPayable(), amount)),
                List.of(Entry.debit(Account.refundsPayable(), amount), Entry.credit(Account.clearing(GATEWAY), amount)));
    }
}
