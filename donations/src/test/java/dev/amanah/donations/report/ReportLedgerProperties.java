package dev.amanah.donations.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.NewPayout;
import dev.amanah.donations.store.NewPlan;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Month by month, a campaign's report agrees with its ledger accounts whatever becomes of its
 * refunds and payouts and in whichever month: over random histories of donations and refunds
 * (posted, voided or left pending; resolved in the month requested or later) and of distribution
 * plans run, their payouts failed, declined, reissued, paid or cancelled, at instants on, just
 * around and between the month edges of a random {@code receipts.zone}, each month's net less
 * what its plans moved out plus what was cancelled back is what the campaign's account gained in
 * that month; the payouts' roll-forward is what its recipients' payables held at the month's
 * start and end and did in between; the payouts still owed, by status, are those the history left
 * pending or declined at the month's end; the refunds section adds up to the month's refunded;
 * and every donation and every settled payout is counted in exactly one month. One SQLite
 * database serves every try, each try a campaign (and recipients) of its own (a fresh database
 * per try would cost seconds each); the SQL is the same on PostgreSQL, which
 * {@link MonthlyReportTest} runs.
 */
class ReportLedgerProperties {
    private static final YearMonth FIRST_EDGE = YearMonth.of(2026, 10);
    private static final int EDGES = 4;
    private static final long DAY_MICROS = 86_400_000_000L;

    private static Path directory;
    private static Database database;
    private static final AtomicInteger CAMPAIGNS = new AtomicInteger();

    /** When something happens: a month edge in the zone (00:00 on the 1st) and an offset from it. */
    record Moment(int edge, long offsetMicros) {
        Instant in(ZoneId zone) {
            return FIRST_EDGE.plusMonths(edge).atDay(1).atStartOfDay(zone).toInstant().plus(offsetMicros, ChronoUnit.MICROS);
        }
    }

    enum Outcome { POSTED, VOIDED, PENDING }

    /** A refund asked at {@code asked} (or at its gift, if that is later) and resolved at {@code resolved} (or at its asking). */
    record PlannedRefund(long permille, Moment asked, Outcome outcome, Moment resolved) {
    }

    record Gift(Moment at, long minor, List<PlannedRefund> refunds) {
    }

    /** What happens to a payout; one that its payout's state at the time does not allow is skipped. */
    enum Act { FAIL, DECLINE, PAY, REISSUE, CANCEL }

    /** {@code act} at {@code at}, or at the plan's run if that is later. */
    record Event(Act act, Moment at) {
    }

    /** A payout of {@code permille} tenths of a percent of what the campaign holds once its gifts are booked. */
    record PlannedPayout(long permille, List<Event> events) {
    }

    /** A plan run (prepared, approved, its funding posted) at {@code runAt}. */
    record Distribution(Moment runAt, List<PlannedPayout> payouts) {
    }

    record History(List<Gift> gifts, List<Distribution> distributions) {
    }

    @BeforeContainer
    static void open() throws IOException {
        directory = Files.createTempDirectory("amanah-report-properties");
        database = Database.open(DatabaseConfig.sqlite(directory.resolve("amanah.db")));
    }

    @AfterContainer
    static void close() throws IOException {
        database.close();
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Property(tries = 200)
    void each_months_figures_are_what_the_campaigns_ledger_accounts_did_in_that_month(
            @ForAll("zones") ZoneId zone, @ForAll("currencies") String currencyCode, @ForAll("histories") History history) {
        var currency = Currency.getInstance(currencyCode);
        var campaign = "c-" + CAMPAIGNS.incrementAndGet();
        book(campaign, currency, zone, history.gifts());
        var payouts = distribute(campaign, currency, zone, history.distributions());

        var source = new DatabaseReportSource(new Store(database, Clock.systemUTC()), zone);
        var scope = ReportScope.campaign(campaign);
        var zero = Money.zero(currency);
        var heldBefore = zero;
        var owedBefore = zero;
        long donations = 0;
        long settled = 0;
        for (var month = FIRST_EDGE.minusMonths(1); !month.isAfter(FIRST_EDGE.plusMonths(EDGES)); month = month.plusMonths(1)) {
            var totals = source.totals(scope, month);
            var net = totals.lines().stream().map(Section.FundLine::net).reduce(zero, Money::plus);
            var refunded = totals.lines().stream().map(Section.FundLine::refunded).reduce(zero, Money::plus);
            var held = source.ledger(scope, month).balances().stream().map(b -> b.balance().negate()).reduce(zero, Money::plus);
            var owed = source.ledger(ReportScope.organisation(), month).balances().stream()
                    .filter(b -> b.account().type() == AccountType.RECIPIENT_PAYABLE && b.account().id().startsWith(campaign + "-"))
                    .map(b -> b.balance().negate()).reduce(zero, Money::plus);
            var distributions = source.distributions(scope, month);
            assertThat(distributions.payables()).as("%s: one line per currency", month).hasSizeLessThan(2);
            var roll = distributions.payables().stream().findFirst().orElse(new Section.PayableLine(zero, zero, zero, zero, zero));
            var end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();

            assertThat(net.minus(roll.movedIn()).plus(roll.cancelled())).as("%s: net - moved to payables + cancelled back"
                    + " against the campaign account's movement", month).isEqualTo(held.minus(heldBefore));
            assertThat(roll.owedAtStart()).as("%s: owed at start against the payables then", month).isEqualTo(owedBefore);
            assertThat(roll.owedAtEnd()).as("%s: owed at end against the payables then", month).isEqualTo(owed);
            assertThat(roll.owedAtStart().plus(roll.movedIn()).minus(roll.paid()).minus(roll.cancelled()))
                    .as("%s: the roll-forward adds up", month).isEqualTo(roll.owedAtEnd());
            for (var status : PayoutStatus.values()) {
                var expected = switch (status) {
                    case PENDING, DECLINED -> owedAt(payouts, end, status, zero);
                    case PAID -> roll.paid();
                    case CANCELLED -> roll.cancelled();
                    case FAILED -> zero;
                };
                assertThat(sum(distributions, status, zero)).as("%s: %s payouts", month, status).isEqualTo(expected);
            }
            assertThat(source.refunds(scope, month).lines().stream().map(Section.RefundLine::total)
                    .reduce(zero, Money::plus)).as("%s: refunds section against refunded", month).isEqualTo(refunded);
            donations += totals.lines().stream().mapToLong(Section.FundLine::donations).sum();
            settled += distributions.lines().stream().filter(l -> settled(l.status()))
                    .mapToLong(Section.DistributionLine::count).sum();
            heldBefore = held;
            owedBefore = owed;
        }
        assertThat(donations).as("donations counted").isEqualTo(history.gifts().size());
        assertThat(settled).as("payouts settled").isEqualTo(payouts.stream().filter(p -> settled(p.last())).count());
    }

    private static Money sum(Section.Distributions distributions, PayoutStatus status, Money zero) {
        return distributions.lines().stream().filter(l -> l.status() == status).map(Section.DistributionLine::total)
                .reduce(zero, Money::plus);
    }

    /** What the payouts the history left in {@code status} at {@code end} (a failed one as pending) add up to. */
    private static Money owedAt(List<Booked> payouts, Instant end, PayoutStatus status, Money zero) {
        return payouts.stream().filter(p -> p.statusBefore(end).filter(s -> s == status).isPresent())
                .map(Booked::amount).reduce(zero, Money::plus);
    }

    private static void book(String campaign, Currency currency, ZoneId zone, List<Gift> gifts) {
        at(Instant.parse("2026-01-01T00:00:00Z")).campaigns().create(new NewCampaign(campaign, "Campaign " + campaign,
                FundType.SADAQAH, Money.ofMinor(1_000_000_000L, currency), LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)));
        for (int i = 0; i < gifts.size(); i++) {
            var gift = gifts.get(i);
            var id = campaign + "-d" + i;
            var given = gift.at().in(zone);
            var money = Money.ofMinor(gift.minor(), currency);
            var store = at(given);
            store.donations().create(new NewDonation(id, "key-" + id, campaign, Donor.of("donor-" + i % 3, null, null), money));
            store.donations().markValidated(id);
            store.donations().markCharged(id, "ch-" + id);
            store.donations().record(id, "donation " + id,
                    List.of(Entry.debit(Account.clearing("sandbox"), money), Entry.credit(Account.campaign(campaign), money)));
            for (int j = 0; j < gift.refunds().size(); j++) {
                var planned = gift.refunds().get(j);
                // at most half of the gift each, and at most two: never more than the gift in all
                var amount = Money.ofMinor(Math.max(1, gift.minor() * planned.permille() / 2000), currency);
                var asked = latest(given, planned.asked().in(zone));
                var refundId = id + "-r" + j;
                var payable = Account.refundsPayable();
                at(asked).refunds().request(new NewRefund(refundId, "key-" + refundId, id, amount, "refund " + refundId,
                        List.of(Entry.debit(Account.campaign(campaign), amount), Entry.credit(payable, amount)),
                        List.of(Entry.debit(payable, amount), Entry.credit(Account.clearing("sandbox"), amount))));
                var resolved = at(latest(asked, planned.resolved().in(zone)));
                switch (planned.outcome()) {
                    case POSTED -> resolved.refunds().confirm(refundId);
                    case VOIDED -> resolved.refunds().fail(refundId, "declined by the gateway");
                    case PENDING -> { }
                }
            }
        }
    }

    private static boolean settled(PayoutStatus status) {
        return status == PayoutStatus.PAID || status == PayoutStatus.CANCELLED;
    }

    /** A payout as booked: its amount, and each status it took with the instant it took it, in time order. */
    record Booked(Money amount, List<Instant> times, List<PayoutStatus> statuses) {
        /** Its status at {@code end} (a failed one is pending then), or empty if its plan was run at or after it. */
        Optional<PayoutStatus> statusBefore(Instant end) {
            PayoutStatus status = null;
            for (int i = 0; i < times.size() && times.get(i).isBefore(end); i++) {
                status = statuses.get(i) == PayoutStatus.FAILED ? PayoutStatus.PENDING : statuses.get(i);
            }
            return Optional.ofNullable(status);
        }

        PayoutStatus last() {
            return statuses.getLast();
        }
    }

    /**
     * Runs the distributions after the gifts are booked (a plan's funding needs the campaign to
     * hold its total now, whenever it is dated), each payout a share of what the campaign held
     * then, and applies their events in time order; returns every payout as booked.
     */
    private static List<Booked> distribute(String campaign, Currency currency, ZoneId zone, List<Distribution> distributions) {
        long held = at(Instant.EPOCH).ledger().creditBalance(Account.campaign(campaign), currency).minorUnits();
        var booked = new ArrayList<Booked>();
        for (int i = 0; i < distributions.size(); i++) {
            var distribution = distributions.get(i);
            var plan = campaign + "-plan" + i;
            var run = distribution.runAt().in(zone);
            var lines = new ArrayList<PlanLine>();
            var funding = new ArrayList<Entry>();
            var newPayouts = new ArrayList<NewPayout>();
            var planned = new ArrayList<PlannedPayout>();
            for (var payout : distribution.payouts()) {
                // at most a tenth each, and at most nine: never more than the campaign holds
                var amount = Money.ofMinor(held * payout.permille() / 10_000, currency);
                if (amount.signum() == 0) {
                    continue;
                }
                var recipient = campaign + "-r" + i + "-" + lines.size();
                var payable = new Account(AccountType.RECIPIENT_PAYABLE, recipient);
                lines.add(new PlanLine(lines.size() + 1, recipient, "Recipient " + recipient, Optional.empty(), "acct-" + recipient,
                        BigDecimal.ONE, amount));
                funding.add(Entry.credit(payable, amount));
                newPayouts.add(new NewPayout(plan + "-p" + planned.size(), "key-" + plan + "-p" + planned.size(), plan, recipient,
                        amount));
                planned.add(payout);
            }
            if (lines.isEmpty()) {
                continue;
            }
            var total = lines.stream().map(PlanLine::amount).reduce(Money::plus).orElseThrow();
            funding.addFirst(Entry.debit(Account.campaign(campaign), total));
            at(run).plans().create(new NewPlan(plan, campaign, FundType.SADAQAH, total, "yusuf", lines));
            at(run).plans().approve(plan, "zainab");
            at(run).plans().startExecution(plan, "zainab", funding, newPayouts);
            booked.addAll(settle(campaign, plan, run, zone, newPayouts, planned));
        }
        return booked;
    }

    /** Applies the planned events of a plan's payouts in time order, each one its payout's status allows. */
    private static List<Booked> settle(String campaign, String plan, Instant run, ZoneId zone, List<NewPayout> payouts, List<PlannedPayout> planned) {
        record Step(int payout, Act act, Instant at) {
        }
        var steps = new ArrayList<Step>();
        var histories = new ArrayList<Booked>();
        for (int j = 0; j < payouts.size(); j++) {
            for (var event : planned.get(j).events()) {
                steps.add(new Step(j, event.act(), latest(run, event.at().in(zone))));
            }
            histories.add(new Booked(payouts.get(j).amount(), new ArrayList<>(List.of(run)),
                    new ArrayList<>(List.of(PayoutStatus.PENDING))));
        }
        steps.sort(Comparator.comparing(Step::at));
        var planStatus = PlanStatus.EXECUTING;
        for (var step : steps) {
            var payout = payouts.get(step.payout());
            var history = histories.get(step.payout());
            var status = history.last();
            var store = at(step.at());
            var reached = switch (step.act()) {
                case FAIL -> status.payable() ? store.payouts().markFailed(payout.id(), "timed out").status() : null;
                case DECLINE -> status.payable() ? store.payouts().markDeclined(payout.id(), "account closed").status() : null;
                case PAY -> status.payable() ? store.payouts().markPaid(payout.id(), "gw-" + payout.id(), "payout " + payout.id(),
                        List.of(Entry.debit(payableOf(payout), payout.amount()),
                                Entry.credit(Account.clearing("sandbox"), payout.amount()))).status() : null;
                case REISSUE, CANCEL -> null;
            };
            if (status == PayoutStatus.DECLINED && (step.act() == Act.REISSUE || step.act() == Act.CANCEL)) {
                if (planStatus == PlanStatus.EXECUTING) {
                    planStatus = store.plans().finishExecution(plan, PlanStatus.INCOMPLETE).status();
                }
                if (step.act() == Act.REISSUE) {
                    reached = store.plans().reissuePayout(plan, payout.id(), "key-" + payout.id() + "-" + history.times().size(),
                            "account fixed").status();
                } else {
                    var money = payout.amount();
                    planStatus = store.plans().cancelPayout(plan, payout.id(), "recipient gone", "payout " + payout.id()
                            + " cancelled", List.of(Entry.debit(payableOf(payout), money),
                            Entry.credit(Account.campaign(campaign), money))).status();
                    reached = PayoutStatus.CANCELLED;
                }
            }
            if (reached != null) {
                history.times().add(step.at());
                history.statuses().add(reached);
            }
        }
        return histories;
    }

    private static Account payableOf(NewPayout payout) {
        return new Account(AccountType.RECIPIENT_PAYABLE, payout.recipientId());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Store at(Instant instant) {
        return new Store(database, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("UTC", "Asia/Kuala_Lumpur", "America/New_York", "Pacific/Chatham", "Asia/Kathmandu")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("GBP", "JPY", "KWD");
    }

    @Provide
    Arbitrary<History> histories() {
        var refund = Combinators.combine(Arbitraries.longs().between(1, 1000), moments(),
                Arbitraries.of(Outcome.class), moments()).as(PlannedRefund::new);
        var gifts = Combinators.combine(moments(), Arbitraries.longs().between(2, 5_000_000), refund.list().ofMaxSize(2))
                .as(Gift::new).list().ofMaxSize(6);
        var event = Combinators.combine(Arbitraries.of(Act.class), moments()).as(Event::new);
        var payout = Combinators.combine(Arbitraries.longs().between(1, 1000), event.list().ofMaxSize(5)).as(PlannedPayout::new);
        var distribution = Combinators.combine(moments(), payout.list().ofMinSize(1).ofMaxSize(3)).as(Distribution::new);
        return Combinators.combine(gifts, distribution.list().ofMinSize(1).ofMaxSize(3)).as(History::new);
    }

    /** On an edge, a microsecond or a second either side of it, or anywhere within 20 days of it. */
    private static Arbitrary<Moment> moments() {
        var offset = Arbitraries.oneOf(Arbitraries.of(0L, -1L, 1L, -1_000_000L, 1_000_000L),
                Arbitraries.longs().between(-20 * DAY_MICROS, 20 * DAY_MICROS));
        return Combinators.combine(Arbitraries.integers().between(0, EDGES), offset).as(Moment::new);
    }
}
