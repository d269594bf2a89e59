package dev.amanah.donations.distribution;

import dev.amanah.donations.store.NewPayout;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.StoredPlan;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The ledger lines and payout identities of a plan, following the domain's booking of a
 * distribution ({@link dev.amanah.finance.ledger.DonationBook#distribute}), with the campaign's
 * account as the source since the service collects into campaigns:
 * <ul>
 *   <li>funding (once, when the first run starts): campaign debited by the total; each recipient's
 *       payable credited by their amount, the administrators' lines the administrators' share;</li>
 *   <li>each payout, when the provider paid it: that payable debited, the gateway's clearing credited;</li>
 *   <li>each declined payout staff cancel: that payable debited, the campaign credited back.</li>
 * </ul>
 * So after every run: campaign balance = collected − distributed + cancelled; payables = what is
 * still owed (unpaid payouts, declined ones included); clearing = received − paid out. Stateless.
 */
final class Bookings {
    private Bookings() {
    }

    /** The funding transaction's lines; zero lines are left out. */
    static List<Entry> funding(StoredPlan plan) {
        var entries = new ArrayList<Entry>();
        entries.add(Entry.debit(Account.campaign(plan.campaignId()), plan.total()));
        for (var line : plan.lines()) {
            if (line.amount().signum() > 0) {
                entries.add(Entry.credit(payable(line), line.amount()));
            }
        }
        return entries;
    }

    /** One payout per line with a positive amount. */
    static List<NewPayout> payouts(StoredPlan plan) {
        return plan.lines().stream().filter(line -> line.amount().signum() > 0)
                .map(line -> new NewPayout(payoutId(plan.id(), line.recipientId()), payoutKey(plan.id(), line.recipientId()),
                        plan.id(), line.recipientId(), line.amount()))
                .toList();
    }

    /** A paid payout's lines: the recipient's payable settled through the gateway's clearing. */
    static List<Entry> paid(PlanLine line, Money amount, String gateway) {
        return List.of(Entry.debit(payable(line), amount), Entry.credit(Account.clearing(gateway), amount));
    }

    /** A cancelled payout's lines: the recipient's payable returned to the campaign the plan drew on. */
    static List<Entry> cancelled(PlanLine line, Money amount, String campaignId) {
        return List.of(Entry.debit(payable(line), amount), Entry.credit(Account.campaign(campaignId), amount));
    }

    /**
     * The idempotency key of a recipient's payout in a plan: the same plan and recipient always
     * give the same key, so no run, retry or recovery can pay them twice.
     */
    static String payoutKey(String planId, String recipientId) {
        return "payout:" + planId + ":" + recipientId;
    }

    /**
     * The key of a declined payout reissued for its {@code attempt}-th attempt: a new request to
     * the provider, which settled the old key as declined. A payout is attempted between two
     * reissues, so each reissue of it gets a key of its own; and the key is the same whoever
     * reissues, so two staff reissuing at once cannot make two payable keys.
     */
    static String reissuedKey(String planId, String recipientId, int attempt) {
        return payoutKey(planId, recipientId) + ":reissue-" + attempt;
    }

    static String payoutId(String planId, String recipientId) {
        return "pay_" + sha256(planId + "\n" + recipientId).substring(0, 32);
    }

    private static Account payable(PlanLine line) {
        return line.zakatCategory().filter(c -> c == ZakatCategory.ADMINISTRATORS).isPresent()
                ? Account.administratorsShare()
                : new Account(AccountType.RECIPIENT_PAYABLE, line.recipientId());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
