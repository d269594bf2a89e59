package dev.amanah.donations.report;

import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.NewPayout;
import dev.amanah.donations.store.NewPlan;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.Store;
import dev.amanah.donations.store.TestDatabase;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Donations, refunds and payouts booked through the real stores at chosen instants (a store with
 * a fixed clock per event), so reports can be checked month by month.
 *
 * <p>November 2026: Aisha (who gave in October) gives 25.00 GBP to the zakat campaign, Bilal
 * 100.00 GBP (5.00 of it refunded, confirmed), Chen 40.00 USD to the water campaign; plan-1, drawn on
 * the zakat campaign, pays 30.00 GBP to a recipient of the category POOR. December: Dawud gives 1.00 GBP (outside November).
 */
final class MonthFixtures {
    static final String ZAKAT = "zakat-2026";
    static final String WATER = "water-wells";

    private final TestDatabase db;

    MonthFixtures(TestDatabase db) {
        this.db = db;
    }

    private Store at(String instant) {
        return new Store(db.store().database(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    void november() {
        var campaigns = at("2026-01-01T00:00:00Z").campaigns();
        campaigns.create(new NewCampaign(ZAKAT, "Zakat 2026", FundType.ZAKAT, Money.of("50000.00", "GBP"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        campaigns.create(new NewCampaign(WATER, "Water wells", FundType.SADAQAH, Money.of("20000.00", "USD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        donate("2026-10-15T10:00:00Z", "d-aisha-oct", ZAKAT, "aisha", "10.00", "GBP");
        donate("2026-11-02T09:30:00Z", "d-aisha-nov", ZAKAT, "aisha", "25.00", "GBP");
        donate("2026-11-10T12:00:00Z", "d-bilal", ZAKAT, "bilal", "100.00", "GBP");
        donate("2026-11-30T23:59:59Z", "d-chen", WATER, "chen", "40.00", "USD");
        donate("2026-12-01T00:00:00Z", "d-dawud", ZAKAT, "dawud", "1.00", "GBP");
        refund("2026-11-12T08:00:00Z", "r-bilal", "d-bilal", ZAKAT, "5.00", "GBP");
        at("2026-11-19T10:00:00Z").plans().create(new NewPlan("plan-1", ZAKAT, FundType.ZAKAT, Money.of("30.00", "GBP"),
                "yusuf", List.of(new PlanLine(1, "r1", "Household r1", Optional.of(ZakatCategory.POOR), "acct-r1",
                        BigDecimal.ONE, Money.of("30.00", "GBP")))));
        payout("2026-11-20T15:00:00Z", "p-1", "plan-1", "r1", "30.00", "GBP");
    }

    /**
     * After {@link #november}: plan-2 on the zakat campaign, approved and run on 24 November (the
     * campaign's 10.00 GBP moved to the recipient's payable), its payout to r2 declined on
     * 25 November, and cancelled on 3 December (the 10.00 GBP back in the campaign).
     */
    void declinedInNovemberCancelledInDecember() {
        declinedInNovember();
        cancelledInDecember();
    }

    /** The November half of {@link #declinedInNovemberCancelledInDecember}: p-2 declined, still owed to r2. */
    void declinedInNovember() {
        execute("2026-11-24T09:00:00Z", "plan-2", "p-2", "r2", ZakatCategory.NEEDY, "10.00");
        decline("2026-11-25T09:00:00Z", "plan-2", "p-2");
    }

    /** The provider declined {@code payout} of {@code plan} at {@code instant}; the plan's run ended INCOMPLETE a minute later. */
    void decline(String instant, String plan, String payout) {
        var start = Instant.parse(instant);
        at(instant).payouts().markDeclined(payout, "account closed");
        at(start.plusSeconds(60).toString()).plans().finishExecution(plan, dev.amanah.donations.store.PlanStatus.INCOMPLETE);
    }

    /** A declined {@code payout} of {@code plan} reissued under a new key at {@code instant}. */
    void reissue(String instant, String plan, String payout) {
        at(instant).plans().reissuePayout(plan, payout, "key-" + payout + "-" + instant, "account fixed");
    }

    /** {@code payout} of {@code amount} GBP paid to {@code recipient} at {@code instant}: r's payable settled. */
    void pay(String instant, String payout, String recipient, String amount) {
        var money = Money.of(amount, "GBP");
        at(instant).payouts().markPaid(payout, "gw-" + payout, "payout " + payout,
                List.of(Entry.debit(payable(recipient), money), Entry.credit(Account.clearing("sandbox"), money)));
    }

    /** The December half of {@link #declinedInNovemberCancelledInDecember}: p-2's 10.00 GBP back in the campaign. */
    void cancelledInDecember() {
        var money = Money.of("10.00", "GBP");
        at("2026-12-03T14:00:00Z").plans().cancelPayout("plan-2", "p-2", "recipient moved away", "payout p-2 cancelled",
                List.of(Entry.debit(payable("r2"), money), Entry.credit(Account.campaign(ZAKAT), money)));
    }

    /**
     * After {@link #november}: plan-3 on the zakat campaign run on 27 November, its 20.00 GBP
     * payout p-3 to r3 (category DEBTORS) still pending at November's end.
     */
    void pendingAtNovembersEnd() {
        execute("2026-11-27T10:00:00Z", "plan-3", "p-3", "r3", ZakatCategory.DEBTORS, "20.00");
    }

    /** After {@link #pendingAtNovembersEnd}: p-3 paid on 2 December. */
    void paidInDecember() {
        pay("2026-12-02T10:00:00Z", "p-3", "r3", "20.00");
    }

    /**
     * After {@link #declinedInNovember}: p-2 reissued under a new key on 4 December, declined again
     * on 6 December and reissued again on 7 December (FAILED, to be paid by the next run).
     */
    void reissuedAndDeclinedAgainInDecember() {
        at("2026-12-04T10:00:00Z").plans().reissuePayout("plan-2", "p-2", "key-p-2-again", "new account");
        at("2026-12-04T11:00:00Z").payouts().recordAttempt("p-2");
        at("2026-12-06T10:00:00Z").payouts().markDeclined("p-2", "account closed again");
        at("2026-12-07T10:00:00Z").plans().reissuePayout("plan-2", "p-2", "key-p-2-third", "another account");
    }

    /**
     * After {@link #november}: plan-5 on the zakat campaign run across November's last midnight as
     * a run stored it before it read the clock once: its funding (20.00 GBP from the campaign to
     * r5's payable) posted at 23:59:59.999998 on 30 November, its payout p-5 stamped 00:00 on
     * 1 December. The payout row is written first, at that time, and the run finds it there (a
     * run creates its payouts idempotently); a run now stamps both alike (PlanStoreTest).
     */
    void runAcrossNovembersEnd() {
        var money = Money.of("20.00", "GBP");
        var line = new PlanLine(1, "r5", "Household r5", Optional.of(ZakatCategory.POOR), "acct-r5", BigDecimal.ONE, money);
        at("2026-11-30T20:00:00Z").plans().create(new NewPlan("plan-5", ZAKAT, FundType.ZAKAT, money, "yusuf", List.of(line)));
        at("2026-11-30T20:01:00Z").plans().approve("plan-5", "zainab");
        var payout = new NewPayout("p-5", "key-p-5", "plan-5", "r5", money);
        at("2026-12-01T00:00:00Z").payouts().create(payout);
        at("2026-11-30T23:59:59.999998Z").plans().startExecution(
                "plan-5", "zainab", List.of(Entry.debit(Account.campaign(ZAKAT), money), Entry.credit(payable("r5"), money)),
                List.of(payout));
    }

    /**
     * A one-line plan prepared, approved and run from {@code instant} on (within the hour): the
     * campaign's money moved to the recipient's payable, its payout created pending.
     */
    void execute(String instant, String plan, String payout, String recipient, ZakatCategory category, String amount) {
        var money = Money.of(amount, "GBP");
        var start = Instant.parse(instant);
        var line = new PlanLine(1, recipient, "Household " + recipient, Optional.of(category), "acct-" + recipient,
                BigDecimal.ONE, money);
        at(start.toString()).plans().create(new NewPlan(plan, ZAKAT, FundType.ZAKAT, money, "yusuf", List.of(line)));
        at(start.plusSeconds(60).toString()).plans().approve(plan, "zainab");
        at(start.plusSeconds(120).toString()).plans().startExecution(plan, "zainab", List.of(
                Entry.debit(Account.campaign(ZAKAT), money), Entry.credit(payable(recipient), money)),
                List.of(new NewPayout(payout, "key-" + payout, plan, recipient, money)));
    }

    /**
     * After {@link #november}: plan-7 on the zakat campaign run on 26 November, 8.00 GBP to its
     * administrators (category ADMINISTRATORS, booked to the administrators' share, not to a
     * recipient's payable), its payout p-7 unpaid at November's end.
     */
    void administratorsUnpaidAtNovembersEnd() {
        var money = Money.of("8.00", "GBP");
        var line = new PlanLine(1, "admins", "Administrators", Optional.of(ZakatCategory.ADMINISTRATORS), "acct-admins",
                BigDecimal.ONE, money);
        at("2026-11-26T10:00:00Z").plans().create(new NewPlan("plan-7", ZAKAT, FundType.ZAKAT, money, "yusuf", List.of(line)));
        at("2026-11-26T10:01:00Z").plans().approve("plan-7", "zainab");
        at("2026-11-26T10:02:00Z").plans().startExecution("plan-7", "zainab", List.of(
                Entry.debit(Account.campaign(ZAKAT), money), Entry.credit(Account.administratorsShare(), money)),
                List.of(new NewPayout("p-7", "key-p-7", "plan-7", "admins", money)));
    }

    private static Account payable(String recipient) {
        return new Account(AccountType.RECIPIENT_PAYABLE, recipient);
    }

    void donate(String instant, String id, String campaign, String donor, String amount, String currency) {
        var store = at(instant);
        var money = Money.of(amount, currency);
        store.donations().create(new NewDonation(id, "key-" + id, campaign, Donor.of(donor, null, null), money));
        store.donations().markValidated(id);
        store.donations().markCharged(id, "ch-" + id);
        store.donations().record(id, "donation " + id,
                List.of(Entry.debit(Account.clearing("sandbox"), money), Entry.credit(Account.campaign(campaign), money)));
        store.donations().markReceipted(id);
    }

    void refund(String instant, String id, String donation, String campaign, String amount, String currency) {
        requestRefund(instant, id, donation, campaign, amount, currency);
        at(instant).refunds().confirm(id);
    }

    /** A refund requested at {@code instant} and left pending: the campaign released to refunds payable. */
    void requestRefund(String instant, String id, String donation, String campaign, String amount, String currency) {
        var money = Money.of(amount, currency);
        var payable = Account.refundsPayable();
        at(instant).refunds().request(new NewRefund(id, "key-" + id, donation, money, "refund " + id,
                List.of(Entry.debit(Account.campaign(campaign), money), Entry.credit(payable, money)),
                List.of(Entry.debit(payable, money), Entry.credit(Account.clearing("sandbox"), money))));
    }

    /** The gateway refused the pending refund at {@code instant}: its release is reversed then. */
    void voidRefund(String instant, String id) {
        at(instant).refunds().fail(id, "declined by the gateway");
    }

    /**
     * After {@link #november}: a refund of 7.00 GBP of Bilal's gift requested on 14 November and
     * voided on 15 November, and one of 3.00 GBP of Aisha's requested on 28 November, still
     * pending at November's end, voided on 2 December.
     */
    void refundsVoidedInNovemberAndInDecember() {
        requestRefund("2026-11-14T10:00:00Z", "r-bilal-void", "d-bilal", ZAKAT, "7.00", "GBP");
        voidRefund("2026-11-15T10:00:00Z", "r-bilal-void");
        requestRefund("2026-11-28T10:00:00Z", "r-aisha-void", "d-aisha-nov", ZAKAT, "3.00", "GBP");
        voidRefund("2026-12-02T10:00:00Z", "r-aisha-void");
    }

    void payout(String instant, String id, String plan, String recipient, String amount, String currency) {
        var store = at(instant);
        var money = Money.of(amount, currency);
        store.payouts().create(new NewPayout(id, "key-" + id, plan, recipient, money));
        store.payouts().markPaid(id, "gw-" + id, "payout " + id, List.of(
                Entry.debit(new Account(AccountType.RECIPIENT_PAYABLE, recipient), money),
                Entry.credit(Account.clearing("sandbox"), money)));
    }
}
