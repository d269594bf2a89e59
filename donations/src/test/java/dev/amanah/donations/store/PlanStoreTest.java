package dev.amanah.donations.store;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Distribution plans in the store; on both databases. */
class PlanStoreTest {
    private static final Money TOTAL = Money.of("20.00", "GBP");

    /**
     * A payment run started a microsecond before November's last midnight is stamped with one
     * reading of the clock: its funding's posting, its payouts and the plan's update all fall in
     * November. The posting and the payouts each read the clock, so the payout was written on
     * 1 December while the money that funds it moved on 30 November.
     */
    @BothDatabases
    void a_run_started_across_midnight_books_its_funding_and_its_payouts_at_one_instant(TestDatabase db) {
        var database = db.store().database();
        var before = new Store(database, Clock.fixed(Instant.parse("2026-11-30T20:00:00Z"), ZoneOffset.UTC));
        before.campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("500.00", "GBP"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        before.ledger().post("gifts", List.of(Entry.debit(Account.clearing("sandbox"), TOTAL),
                Entry.credit(Account.campaign("zakat-2026"), TOTAL)));
        var payable = new Account(AccountType.RECIPIENT_PAYABLE, "r1");
        before.plans().create(new NewPlan("plan-1", "zakat-2026", FundType.ZAKAT, TOTAL, "yusuf", List.of(
                new PlanLine(1, "r1", "Household r1", Optional.of(ZakatCategory.POOR), "acct-r1", BigDecimal.ONE, TOTAL))));
        before.plans().approve("plan-1", "zainab");

        var start = Instant.parse("2026-11-30T23:59:59.999999Z");
        var started = new Store(database, new TickingClock(start)).plans().startExecution("plan-1", "zainab",
                List.of(Entry.debit(Account.campaign("zakat-2026"), TOTAL), Entry.credit(payable, TOTAL)),
                List.of(new NewPayout("p-1", "key-p-1", "plan-1", "r1", TOTAL)));

        var sql = new Sql(database);
        var postedAt = database.read(c -> sql.one(c, "SELECT posted_at FROM ledger_transactions WHERE id = ?",
                rs -> sql.instant(rs, 1), started.ledgerTransactionId().orElseThrow())).orElseThrow();
        assertThat(postedAt).as("funding posted").isEqualTo(start);
        assertThat(db.store().payouts().get("p-1").createdAt()).as("payout written").isEqualTo(start);
        assertThat(started.updatedAt()).as("plan updated").isEqualTo(start);
    }
}
