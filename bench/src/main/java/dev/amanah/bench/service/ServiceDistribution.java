package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.Workload;
import dev.amanah.bench.seed.PeakHeap;
import dev.amanah.donations.distribution.PlanRequest;
import dev.amanah.donations.distribution.RecipientShare;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.PayoutStore;
import dev.amanah.donations.store.PlanStore;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code service_distribution} and {@code service_distribution_postgres}: the seed's zakat
 * distribution ({@code seed_zakat}) on the real service. A zakat campaign (the fund) holds the
 * seed's pool of {@value #TOTAL_MINOR} US cents plus {@value #LEFT_MINOR} that stays; a plan
 * divides the pool among {@value #RECIPIENTS} recipients by weights 1 to 7 (recipient {@code i}
 * weighs {@code 1 + i mod 7}, zakat categories in turn, none of them the capped administrators),
 * prepared by one member of staff and approved by another through the service's
 * {@link dev.amanah.donations.distribution.DistributionService} (what the HTTP API calls), then
 * executed: the service's payment run pays every recipient through the sandbox provider, at most
 * {@value #MAX_CONCURRENCY} payouts in flight, each booked in the ledger.
 *
 * <p>Timed from the preparation to the end of the payment run; the stderr line splits it into
 * preparation, approval and payment. The fund is created and credited before the clock starts.
 * Checked ({@link DistributionOutcome#check}): each recipient paid exactly once with their line's
 * amount (payouts table and provider's journal), the payouts sum to the total, the ledger
 * balances and the fund fell by exactly the total. {@code --quick} divides the recipients by 10.
 */
final class ServiceDistribution implements Workload {
    static final int RECIPIENTS = 100_000;
    static final int MAX_CONCURRENCY = 8;
    /** The seed's pool, 1,234,567,890.12 USD, in cents: the plan's total. */
    static final long TOTAL_MINOR = 123_456_789_012L;
    /** What the fund keeps after the distribution, so the check sees it fall by exactly the total. */
    static final long LEFT_MINOR = 100_000L;

    private static final Currency USD = Currency.getInstance("USD");
    private static final String FUND = "zakat-fund";
    private static final String PLAN = "zakat-plan";
    private static final StaffMember PREPARER = new StaffMember("amina", Role.PREPARER);
    private static final StaffMember APPROVER = new StaffMember("bilal", Role.APPROVER);
    private static final Duration PATIENCE = Duration.ofMinutes(60);
    // The seven categories that are not capped, in turn.
    private static final List<ZakatCategory> CATEGORIES = Arrays.stream(ZakatCategory.values())
            .filter(c -> c != ZakatCategory.ADMINISTRATORS).toList();

    private final BenchDatabase.Kind kind;

    ServiceDistribution(BenchDatabase.Kind kind) {
        this.kind = kind;
    }

    /** The scenario on a database of this kind. */
    static Scenario scenario(BenchDatabase.Kind kind) {
        return new Scenario(name(kind), "a zakat fund distributed to " + Counts.label(RECIPIENTS) + " recipients by the"
                + " service's DistributionService (" + kind.label() + "): prepared, approved by another, paid through the"
                + " sandbox provider " + MAX_CONCURRENCY + " at a time, every payout in the ledger",
                Map.of(Contender.AMANAH, new ServiceDistribution(kind)));
    }

    static String name(BenchDatabase.Kind kind) {
        return kind == BenchDatabase.Kind.SQLITE ? "service_distribution" : "service_distribution_postgres";
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        int recipients = scale.count(RECIPIENTS);
        var run = distribute(recipients);
        run.outcome().check(name(kind), recipients, TOTAL_MINOR, TOTAL_MINOR + LEFT_MINOR);
        return samples(recipients, run);
    }

    /** The scenario's three rows: wall time, payouts per second, peak memory above the start. */
    List<Sample> samples(int recipients, Run run) {
        var prefix = "service distribution on " + kind.label() + ": " + Counts.label(recipients) + " recipients, "
                + MAX_CONCURRENCY + " payouts at a time";
        return List.of(
                Sample.millis(new Metric(prefix + ": wall time (ms)", Metric.Unit.MILLIS), run.phases().total()),
                Sample.rate(new Metric(prefix + ": throughput (payouts/s)", Metric.Unit.PER_SECOND), recipients,
                        run.phases().total()),
                new Sample(new Metric(prefix + ": peak memory above start (bytes)", Metric.Unit.BYTES), run.peakBytes()));
    }

    /** One distribution's figures and what it left behind, before the check. */
    record Run(Phases phases, long peakBytes, DistributionOutcome outcome) {
    }

    /** How long each step took, in nanoseconds. */
    record Phases(long prepare, long approve, long pay) {
        long total() {
            return prepare + approve + pay;
        }
    }

    /**
     * A fresh service and fund, the distribution to {@code recipients} timed, and its outcome read
     * back; the service is stopped and its database deleted before returning.
     */
    Run distribute(int recipients) throws Exception {
        try (var database = BenchDatabase.create(kind);
             var service = BenchService.start(database,
                     Map.of("AMANAH_DISTRIBUTION_MAX_CONCURRENCY", Integer.toString(MAX_CONCURRENCY)))) {
            var amanah = service.service();
            var clock = Clock.systemUTC();
            var ledger = new LedgerStore(amanah.database(), clock);
            var payouts = new PayoutStore(amanah.database(), clock, ledger);
            var plans = new PlanStore(amanah.database(), clock, ledger, payouts);
            BenchService.inProcess(() -> {
                createFund(amanah, ledger);
                return null;
            });
            var request = request(recipients);
            var peak = new PeakHeap();
            var phases = BenchService.inProcess(() -> distribute(amanah, request));
            long peakBytes = peak.stop();
            System.err.printf("%s: prepared in %d ms, approved in %d ms, executed and paid in %d ms%n", name(kind),
                    phases.prepare() / 1_000_000, phases.approve() / 1_000_000, phases.pay() / 1_000_000);
            var outcome = BenchService.inProcess(() -> DistributionOutcome.read(plans, payouts, ledger, amanah.sandbox(), PLAN,
                    FUND, AmanahService.GATEWAY));
            return new Run(phases, peakBytes, outcome);
        }
    }

    /** The zakat campaign, active, credited with the pool and what stays, as donations would have. */
    private static void createFund(AmanahService amanah, LedgerStore ledger) {
        var campaigns = new CampaignStore(amanah.database(), Clock.systemUTC());
        campaigns.create(new NewCampaign(FUND, "Zakat fund", FundType.ZAKAT, usd(TOTAL_MINOR + LEFT_MINOR),
                LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
        campaigns.moveTo(FUND, CampaignState.ACTIVE);
        ledger.post("donations collected into " + FUND, List.of(
                Entry.debit(Account.clearing(AmanahService.GATEWAY), usd(TOTAL_MINOR + LEFT_MINOR)),
                Entry.credit(Account.campaign(FUND), usd(TOTAL_MINOR + LEFT_MINOR))));
    }

    private static PlanRequest request(int recipients) {
        var shares = new ArrayList<RecipientShare>(recipients);
        for (int i = 0; i < recipients; i++) {
            shares.add(new RecipientShare("r-" + i, "Recipient " + i, Optional.of(CATEGORIES.get(i % CATEGORIES.size())),
                    "acct_" + i, BigDecimal.valueOf(1 + i % 7)));
        }
        return new PlanRequest(PLAN, FUND, usd(TOTAL_MINOR), shares);
    }

    /** Prepares, approves, executes and awaits the plan, as two members of staff would over the API. */
    private static Phases distribute(AmanahService amanah, PlanRequest request) {
        var service = amanah.distributions();
        long start = System.nanoTime();
        service.prepare(PREPARER, request);
        long prepared = System.nanoTime();
        service.approve(APPROVER, PLAN);
        long approved = System.nanoTime();
        service.execute(PREPARER, PLAN);
        var report = service.awaitRun(PLAN, PATIENCE);
        long end = System.nanoTime();
        BenchmarkFailure.check(service.runOf(PLAN).isEmpty(), () -> "the payment run still going after " + PATIENCE
                + ", plan " + report.plan().status());
        return new Phases(prepared - start, approved - prepared, end - approved);
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, USD);
    }
}
