package dev.amanah.donations.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
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
 * Month by month, a campaign's report agrees with its ledger account whatever becomes of its
 * refunds and in whichever month: over random histories of donations and refunds (posted, voided
 * or left pending; resolved in the month requested or later) at instants on, just around and
 * between the month edges of a random {@code receipts.zone}, each month's net is what the
 * campaign's account gained in that month, the refunds section adds up to the month's refunded,
 * and every donation is counted in exactly one month. One SQLite database serves every try, each
 * try a campaign of its own (a fresh database per try would cost seconds each); the SQL is the
 * same on PostgreSQL, which {@link MonthlyReportTest} runs.
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

    @Property(tries = 150)
    void each_months_net_is_what_the_campaigns_ledger_account_gained_in_that_month(
            @ForAll("zones") ZoneId zone, @ForAll("currencies") String currencyCode, @ForAll("histories") List<Gift> gifts) {
        var currency = Currency.getInstance(currencyCode);
        var campaign = "c-" + CAMPAIGNS.incrementAndGet();
        book(campaign, currency, zone, gifts);

        var source = new DatabaseReportSource(new Store(database, Clock.systemUTC()), zone);
        var scope = ReportScope.campaign(campaign);
        var heldBefore = Money.zero(currency);
        long donations = 0;
        for (var month = FIRST_EDGE.minusMonths(1); !month.isAfter(FIRST_EDGE.plusMonths(EDGES)); month = month.plusMonths(1)) {
            var totals = source.totals(scope, month);
            var net = totals.lines().stream().map(Section.FundLine::net).reduce(Money.zero(currency), Money::plus);
            var refunded = totals.lines().stream().map(Section.FundLine::refunded).reduce(Money.zero(currency), Money::plus);
            var held = source.ledger(scope, month).balances().stream().map(b -> b.balance().negate())
                    .reduce(Money.zero(currency), Money::plus);
            assertThat(net).as("%s: net against the ledger's movement", month).isEqualTo(held.minus(heldBefore));
            assertThat(source.refunds(scope, month).lines().stream().map(Section.RefundLine::total)
                    .reduce(Money.zero(currency), Money::plus)).as("%s: refunds section against refunded", month).isEqualTo(refunded);
            donations += totals.lines().stream().mapToLong(Section.FundLine::donations).sum();
            heldBefore = held;
        }
        assertThat(donations).as("donations counted").isEqualTo(gifts.size());
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
    Arbitrary<List<Gift>> histories() {
        var refund = Combinators.combine(Arbitraries.longs().between(1, 1000), moments(),
                Arbitraries.of(Outcome.class), moments()).as(PlannedRefund::new);
        return Combinators.combine(moments(), Arbitraries.longs().between(2, 5_000_000), refund.list().ofMaxSize(2))
                .as(Gift::new).list().ofMaxSize(6);
    }

    /** On an edge, a microsecond or a second either side of it, or anywhere within 20 days of it. */
    private static Arbitrary<Moment> moments() {
        var offset = Arbitraries.oneOf(Arbitraries.of(0L, -1L, 1L, -1_000_000L, 1_000_000L),
                Arbitraries.longs().between(-20 * DAY_MICROS, 20 * DAY_MICROS));
        return Combinators.combine(Arbitraries.integers().between(0, EDGES), offset).as(Moment::new);
    }
}
