package dev.amanah.donations.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.payment.DeclineReason;
import dev.amanah.donations.payment.Declined;
import dev.amanah.donations.payment.PayoutOutcome;
import dev.amanah.donations.payment.PayoutRequest;
import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.donations.payment.Retrying;
import dev.amanah.donations.payment.SandboxConfig;
import dev.amanah.donations.payment.SandboxGateway;
import dev.amanah.donations.payment.TransientCause;
import dev.amanah.donations.payment.TransientFailure;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.BothDatabases;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.Store;
import dev.amanah.donations.store.TestDatabase;
import dev.amanah.finance.fund.DistributionRules;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.AccountType;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskSupervisor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution service on both databases, against the sandbox provider behind a probe that
 * counts concurrent payout calls: four eyes, the domain's rules, bounded concurrency, each
 * recipient paid exactly once (re-execution and a killed run included), failures per recipient,
 * and a ledger that balances to the minor unit.
 */
class DistributionServiceTest {
    private static final StaffMember AMINA = new StaffMember("amina", Role.PREPARER);
    private static final StaffMember BILAL = new StaffMember("bilal", Role.APPROVER);
    private static final StaffMember CHIDI = new StaffMember("chidi", Role.APPROVER);
    private static final StaffMember VERA = new StaffMember("vera", Role.VIEWER);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path dir;

    /** One service over a test database, the sandbox (journal in a temp dir) and its own task supervisor. */
    private final class Harness implements AutoCloseable {
        final Store store;
        final SandboxGateway sandbox;
        final ProbeGateway probe;
        final TaskSupervisor tasks;
        final DistributionService service;

        Harness(TestDatabase db, int maxConcurrency) {
            this(db, maxConcurrency, SandboxGateway.open(journal(), SandboxConfig.RELIABLE));
        }

        Harness(TestDatabase db, int maxConcurrency, SandboxGateway sandbox) {
            this(db, DistributionOptions.DEFAULTS.withMaxConcurrency(maxConcurrency), sandbox);
        }

        Harness(TestDatabase db, DistributionOptions options, SandboxGateway sandbox) {
            this.store = db.store();
            this.sandbox = sandbox;
            this.probe = new ProbeGateway(sandbox);
            this.tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
            var gateway = new Retrying(probe, new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), 7));
            this.service = new DistributionService(store.plans(), store.payouts(), store.campaigns(), store.ledger(), gateway,
                    "sandbox", tasks, options, finished -> { });
        }

        @Override
        public void close() {
            tasks.stop();
            sandbox.close();
        }
    }

    private Path journal() {
        return dir.resolve("sandbox.journal");
    }

    @BothDatabases
    void four_eyes_roles_and_the_domain_rules(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);

            assertRefused(() -> h.service.prepare(VERA, plan("p-1", 5_000, 3)), DistributionException.Code.FORBIDDEN);
            assertRefused(() -> h.service.prepare(AMINA, new PlanRequest("p-0", "zakat-2026", gbp(100),
                    List.of(new RecipientShare("r-1", "Family 1", Optional.empty(), "acct_1", BigDecimal.ONE)))),
                    DistributionException.Code.INVALID_PLAN, "NOT_ZAKAT_ELIGIBLE");
            assertRefused(() -> h.service.prepare(AMINA, plan("p-0", 10_001, 3)), DistributionException.Code.INSUFFICIENT_FUNDS);
            assertRefused(() -> h.service.prepare(AMINA, new PlanRequest("p-0", "zakat-2026", gbp(100),
                    List.of(new RecipientShare("r-1", "Family 1", Optional.of(ZakatCategory.POOR), "acct 1", BigDecimal.ONE)))),
                    DistributionException.Code.INVALID_PLAN);

            var prepared = h.service.prepare(AMINA, plan("p-1", 5_000, 3));
            assertThat(prepared.plan().status()).isEqualTo(PlanStatus.PREPARED);
            assertThat(prepared.plan().lines()).extracting(l -> l.amount().minorUnits()).containsExactly(1667L, 1667L, 1666L);
            assertRefused(() -> h.service.prepare(AMINA, plan("p-1", 5_000, 3)), DistributionException.Code.PLAN_EXISTS);

            assertRefused(() -> h.service.execute(AMINA, "p-1"), DistributionException.Code.ILLEGAL_STATE);
            assertRefused(() -> h.service.approve(AMINA, "p-1"), DistributionException.Code.FORBIDDEN);
            assertRefused(() -> h.service.approve(VERA, "p-1"), DistributionException.Code.FORBIDDEN);
            assertRefused(() -> h.service.execute(VERA, "p-1"), DistributionException.Code.FORBIDDEN);

            var byApprover = h.service.prepare(BILAL, plan("p-2", 1_000, 2));
            assertRefused(() -> h.service.approve(new StaffMember("Bilal", Role.APPROVER), "p-2"),
                    DistributionException.Code.APPROVER_IS_PREPARER);
            assertRefused(() -> h.service.approve(BILAL, "p-2"), DistributionException.Code.APPROVER_IS_PREPARER);
            assertThat(h.service.plan(VERA, "p-2").plan().status()).isEqualTo(byApprover.plan().status());

            var approved = h.service.approve(BILAL, "p-1");
            assertThat(approved.plan().status()).isEqualTo(PlanStatus.APPROVED);
            assertThat(approved.plan().approvedBy()).contains("bilal");
            assertRefused(() -> h.service.approve(CHIDI, "p-1"), DistributionException.Code.ILLEGAL_STATE);
            assertThat(h.service.reject(CHIDI, "p-2", "duplicate of p-1").plan().status()).isEqualTo(PlanStatus.REJECTED);
            assertRefused(() -> h.service.execute(BILAL, "p-2"), DistributionException.Code.ILLEGAL_STATE);
            assertThat(h.probe.payoutKeys()).isEmpty();
            assertThat(h.store.ledger().transactionsAfter(0, 10)).hasSize(1);   // the funding only
        }
    }

    /**
     * Every four-eyes check compares names as the domain does: "ＢＩＬＡＬ" (full-width) is bilal,
     * so he may neither approve nor reject the plan bilal prepared (reject and cancel are refused
     * by the service alone, before the domain sees anything).
     */
    @BothDatabases
    void a_preparers_name_written_otherwise_is_still_the_preparer(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            h.service.prepare(BILAL, plan("p-1", 1_000, 2));
            var fullWidth = new StaffMember("ＢＩＬＡＬ", Role.APPROVER);
            assertRefused(() -> h.service.reject(fullWidth, "p-1", "mine"), DistributionException.Code.APPROVER_IS_PREPARER);
            assertRefused(() -> h.service.approve(fullWidth, "p-1"), DistributionException.Code.APPROVER_IS_PREPARER);
            assertThat(h.service.plan(VERA, "p-1").plan().status()).isEqualTo(PlanStatus.PREPARED);
        }
    }

    @BothDatabases
    void pays_each_recipient_once_with_bounded_concurrency_and_the_ledger_balances(TestDatabase db) throws Exception {
        try (var h = new Harness(db, 3)) {
            zakatCampaign(h.store, "zakat-2026", 20_000);
            h.service.prepare(AMINA, plan("p-1", 10_001, 10));
            h.service.approve(BILAL, "p-1");
            // The first three calls wait until three are in flight at once: the bound is reached, not just respected.
            var three = new CountDownLatch(3);
            h.probe.hook(new ProbeGateway.Hook() {
                @Override
                public PayoutOutcome before(PayoutRequest request, int callNumber) {
                    if (callNumber <= 3) {
                        three.countDown();
                        awaitLatch(three);
                    }
                    return null;
                }
            });

            assertThat(h.service.execute(BILAL, "p-1").plan().status()).isEqualTo(PlanStatus.EXECUTING);
            var done = h.service.awaitRun("p-1", WAIT);

            assertThat(done.plan().status()).isEqualTo(PlanStatus.PAID);
            assertThat(h.probe.maxInFlight()).isEqualTo(3);
            assertThat(done.payouts()).hasSize(10).allMatch(p -> p.status() == PayoutStatus.PAID);
            assertThat(done.total(PayoutStatus.PAID)).isEqualTo(gbp(10_001));
            assertThat(done.payouts()).extracting(p -> p.amount().minorUnits())
                    .containsExactlyInAnyOrder(1001L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L);
            assertPaidOnce(h, done);
            assertLedger(h.store, "zakat-2026", 20_000, 10_001, 0);

            // Executing a paid plan again pays nothing.
            assertRefused(() -> h.service.execute(BILAL, "p-1"), DistributionException.Code.ILLEGAL_STATE);
            assertThat(h.probe.payoutKeys()).hasSize(10);
        }
    }

    @BothDatabases
    void failures_are_reported_per_recipient_and_paid_on_the_next_run(TestDatabase db) {
        try (var h = new Harness(db, 4)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            var shares = new ArrayList<>(plan("p-1", 6_000, 5).shares());
            shares.set(2, new RecipientShare("r-3", "Family 3", Optional.of(ZakatCategory.DEBTORS), "acct_rejected_3", BigDecimal.ONE));
            h.service.prepare(AMINA, new PlanRequest("p-1", "zakat-2026", gbp(6_000), shares));
            h.service.approve(BILAL, "p-1");
            // r-2's first attempt times out (Retrying tries again under the same key); r-4's provider stays away.
            h.probe.hook(new ProbeGateway.Hook() {
                int r2Calls;

                @Override
                public synchronized PayoutOutcome before(PayoutRequest request, int callNumber) {
                    if (request.idempotencyKey().endsWith(":r-2") && r2Calls++ == 0) {
                        return new TransientFailure(TransientCause.TIMEOUT, "test: lost");
                    }
                    if (request.idempotencyKey().endsWith(":r-4")) {
                        return new TransientFailure(TransientCause.SERVER_ERROR, "test: down");
                    }
                    return null;
                }
            });

            h.service.execute(AMINA, "p-1");
            var first = h.service.awaitRun("p-1", WAIT);

            assertThat(first.plan().status()).isEqualTo(PlanStatus.INCOMPLETE);
            assertThat(first.payoutOf("r-2").orElseThrow().status()).isEqualTo(PayoutStatus.PAID);
            assertThat(first.payoutOf("r-3").orElseThrow().failureReason()).hasValueSatisfying(
                    reason -> assertThat(reason).contains("RECIPIENT_REJECTED"));
            assertThat(first.payoutOf("r-4").orElseThrow().status()).isEqualTo(PayoutStatus.FAILED);
            assertThat(first.count(PayoutStatus.PAID)).isEqualTo(3);
            assertLedger(h.store, "zakat-2026", 10_000, 6_000, 2_400);

            h.probe.hook(new ProbeGateway.Hook() { });
            var keysBefore = h.probe.payoutKeys().size();
            h.service.execute(CHIDI, "p-1");
            var second = h.service.awaitRun("p-1", WAIT);

            // r-3 was declined: its key is not sent again (the provider would only decline it again).
            assertThat(h.probe.payoutKeys().subList(keysBefore, h.probe.payoutKeys().size()))
                    .containsExactly("payout:p-1:r-4");
            assertThat(second.plan().status()).isEqualTo(PlanStatus.INCOMPLETE);
            assertThat(second.payoutOf("r-4").orElseThrow().status()).isEqualTo(PayoutStatus.PAID);
            assertThat(second.payoutOf("r-3").orElseThrow().status()).isEqualTo(PayoutStatus.DECLINED);
            assertThat(second.plan().executedBy()).contains("chidi");
            assertPaidOnce(h, second);
            assertLedger(h.store, "zakat-2026", 10_000, 6_000, 1_200);
        }
    }

    /**
     * A recipient's account refuses payouts: the provider declines the payout for good and would
     * answer its key with the same decline for ever, so the payout is DECLINED (not FAILED), its
     * money stays owed in its payable, and executing the plan again is refused with a code that
     * says why instead of sending the key again.
     */
    @BothDatabases
    void a_declined_payout_is_declined_and_never_sent_again_under_its_key(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            var shares = new ArrayList<>(plan("p-1", 3_000, 3).shares());
            shares.set(1, new RecipientShare("r-2", "Family 2", Optional.of(ZakatCategory.NEEDY), "acct_rejected_2", BigDecimal.ONE));
            h.service.prepare(AMINA, new PlanRequest("p-1", "zakat-2026", gbp(3_000), shares));
            h.service.approve(BILAL, "p-1");

            h.service.execute(AMINA, "p-1");
            var first = h.service.awaitRun("p-1", WAIT);

            assertThat(first.plan().status()).isEqualTo(PlanStatus.INCOMPLETE);
            var declined = first.payoutOf("r-2").orElseThrow();
            // By name, so this test compiles (and fails) on the code that knew only FAILED.
            assertThat(declined.status().name()).isEqualTo("DECLINED");
            assertThat(declined.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("RECIPIENT_REJECTED"));
            assertLedger(h.store, "zakat-2026", 10_000, 3_000, 1_000);

            assertRefused(() -> h.service.execute(AMINA, "p-1"), DistributionException.Code.ILLEGAL_STATE, "PAYOUTS_DECLINED");
            assertThat(h.probe.payoutKeys()).filteredOn(k -> k.equals("payout:p-1:r-2")).hasSize(1);
            assertThat(h.service.plan(VERA, "p-1").plan().status()).isEqualTo(PlanStatus.INCOMPLETE);
        }
    }

    /**
     * Two declined payouts: staff reissue one under a new key (the next run pays it, the old key
     * is never sent again) and cancel the other (its money back in the campaign, the plan PAID),
     * with the ledger exact to the minor unit at every step; bad requests are refused.
     */
    @BothDatabases
    void staff_reissue_a_declined_payout_under_a_new_key_or_cancel_it_back_to_the_campaign(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            var shares = new ArrayList<>(plan("p-1", 3_000, 3).shares());
            shares.set(2, new RecipientShare("r-3", "Family 3", Optional.of(ZakatCategory.POOR), "acct_rejected_3", BigDecimal.ONE));
            h.service.prepare(AMINA, new PlanRequest("p-1", "zakat-2026", gbp(3_000), shares));
            h.service.approve(BILAL, "p-1");
            // r-2's account refuses its first payout; it accepts once the family has seen to it.
            h.probe.hook(new ProbeGateway.Hook() {
                @Override
                public PayoutOutcome before(PayoutRequest request, int callNumber) {
                    return request.idempotencyKey().equals("payout:p-1:r-2")
                            ? new Declined(DeclineReason.RECIPIENT_REJECTED, "test: account frozen") : null;
                }
            });
            h.service.execute(AMINA, "p-1");
            var first = h.service.awaitRun("p-1", WAIT);
            assertThat(first.plan().status()).isEqualTo(PlanStatus.INCOMPLETE);
            assertThat(first.count(PayoutStatus.DECLINED)).isEqualTo(2);
            assertLedger(h.store, "zakat-2026", 10_000, 3_000, 2_000);

            assertRefused(() -> h.service.reissue(VERA, "p-1", "r-2", OptionalInt.empty()), DistributionException.Code.FORBIDDEN);
            assertRefused(() -> h.service.reissue(AMINA, "p-1", "r-1", OptionalInt.empty()), DistributionException.Code.ILLEGAL_STATE);
            assertRefused(() -> h.service.reissue(AMINA, "p-1", "r-9", OptionalInt.empty()), DistributionException.Code.PAYOUT_NOT_FOUND);
            assertRefused(() -> h.service.reissue(AMINA, "p-9", "r-2", OptionalInt.empty()), DistributionException.Code.PLAN_NOT_FOUND);
            assertRefused(() -> h.service.cancel(AMINA, "p-1", "r-3", "closed"), DistributionException.Code.FORBIDDEN);
            assertRefused(() -> h.service.cancel(BILAL, "p-1", "r-3", " "), DistributionException.Code.INVALID_REASON);
            assertThat(h.service.plan(VERA, "p-1").count(PayoutStatus.DECLINED)).isEqualTo(2);

            var reissued = h.service.reissue(AMINA, "p-1", "r-2", OptionalInt.empty()).payoutOf("r-2").orElseThrow();
            assertThat(reissued.status()).isEqualTo(PayoutStatus.FAILED);
            assertThat(reissued.idempotencyKey()).isEqualTo("payout:p-1:r-2:reissue-2");
            assertRefused(() -> h.service.reissue(AMINA, "p-1", "r-2", OptionalInt.empty()), DistributionException.Code.ILLEGAL_STATE);
            h.probe.hook(new ProbeGateway.Hook() { });
            h.service.execute(AMINA, "p-1");
            var second = h.service.awaitRun("p-1", WAIT);

            assertThat(second.plan().status()).isEqualTo(PlanStatus.INCOMPLETE);
            assertThat(second.payoutOf("r-2").orElseThrow().status()).isEqualTo(PayoutStatus.PAID);
            assertThat(second.payoutOf("r-3").orElseThrow().status()).isEqualTo(PayoutStatus.DECLINED);
            assertThat(h.probe.payoutKeys()).filteredOn(k -> k.startsWith("payout:p-1:r-2")).containsExactly(
                    "payout:p-1:r-2", "payout:p-1:r-2:reissue-2");
            assertThat(h.probe.payoutKeys()).filteredOn(k -> k.startsWith("payout:p-1:r-3")).hasSize(1);
            assertPaidOnce(h, second);
            assertLedger(h.store, "zakat-2026", 10_000, 3_000, 1_000);

            var done = h.service.cancel(BILAL, "p-1", "r-3", "the family moved abroad; their share goes to the next plan");
            assertThat(done.plan().status()).isEqualTo(PlanStatus.PAID);
            var cancelled = done.payoutOf("r-3").orElseThrow();
            assertThat(cancelled.status()).isEqualTo(PayoutStatus.CANCELLED);
            assertThat(cancelled.failureReason()).hasValueSatisfying(r -> assertThat(r).startsWith("cancelled by bilal: "));
            assertThat(done.total(PayoutStatus.PAID)).isEqualTo(gbp(2_000));
            assertThat(done.total(PayoutStatus.CANCELLED)).isEqualTo(gbp(1_000));
            // The cancelled 10.00 is the campaign's again: 10,000 - 2,000 paid out.
            assertLedger(h.store, "zakat-2026", 10_000, 2_000, 0);
            assertRefused(() -> h.service.cancel(CHIDI, "p-1", "r-3", "again"), DistributionException.Code.ILLEGAL_STATE);
            assertRefused(() -> h.service.execute(AMINA, "p-1"), DistributionException.Code.ILLEGAL_STATE);
            assertPaidOnce(h, done);
        }
    }

    /**
     * Two approvers approve the same plan at once, then two members of staff execute it at once,
     * twenty plans over: each time exactly one of each pair wins, the other is refused, and the
     * plan's money is committed once and each recipient paid once.
     */
    @BothDatabases
    void a_plan_approved_or_executed_twice_at_once_has_one_winner_and_pays_once(TestDatabase db) throws Exception {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 100_000);
            int plans = 20;
            for (int i = 1; i <= plans; i++) {
                var id = "p-" + i;
                h.service.prepare(AMINA, plan(id, 1_000, 3));

                var approvals = race(() -> h.service.approve(BILAL, id), () -> h.service.approve(CHIDI, id));
                assertThat(approvals.wins()).as(id + " approvals").hasSize(1);
                assertThat(approvals.refusals()).as(id + " approvals").extracting(DistributionException::code)
                        .containsExactly(DistributionException.Code.ILLEGAL_STATE);
                assertThat(h.service.plan(VERA, id).plan().approvedBy()).isEqualTo(approvals.wins().getFirst().plan().approvedBy());

                var runs = race(() -> h.service.execute(AMINA, id), () -> h.service.execute(BILAL, id));
                assertThat(runs.wins()).as(id + " executions").hasSize(1);
                assertThat(runs.refusals()).as(id + " executions").extracting(DistributionException::code)
                        .isSubsetOf(DistributionException.Code.PLAN_EXECUTING, DistributionException.Code.ILLEGAL_STATE).hasSize(1);
                var done = h.service.awaitRun(id, WAIT);
                assertThat(done.plan().status()).isEqualTo(PlanStatus.PAID);
                assertPaidOnce(h, done);
            }
            // The donations, then one funding transaction per plan and one per payout: nothing twice.
            assertThat(h.store.ledger().transactionsAfter(0, 1_000)).hasSize(1 + plans + plans * 3);
            assertLedger(h.store, "zakat-2026", 100_000, plans * 1_000L, 0);
        }
    }

    /** What two calls started at the same moment returned: the reports of those that won, the refusals of the others. */
    private record Race(List<PlanReport> wins, List<DistributionException> refusals) {
    }

    /** Runs both calls on their own threads, released together by a latch; waits for both with a timeout. */
    private static Race race(Supplier<PlanReport> first, Supplier<PlanReport> second)
            throws Exception {
        var ready = new CountDownLatch(2);
        var go = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Object>>();
            for (var call : List.of(first, second)) {
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!go.await(20, TimeUnit.SECONDS)) {
                        throw new AssertionError("never released");
                    }
                    try {
                        return (Object) call.get();
                    } catch (DistributionException e) {
                        return e;
                    }
                }));
            }
            assertThat(ready.await(20, TimeUnit.SECONDS)).as("both callers ready").isTrue();
            go.countDown();
            var wins = new ArrayList<PlanReport>();
            var refusals = new ArrayList<DistributionException>();
            for (var future : futures) {
                switch (future.get(30, TimeUnit.SECONDS)) {
                    case PlanReport report -> wins.add(report);
                    case DistributionException refusal -> refusals.add(refusal);
                    default -> throw new AssertionError("unexpected result");
                }
            }
            return new Race(wins, refusals);
        }
    }

    @BothDatabases
    void a_run_killed_mid_way_is_recovered_and_each_recipient_paid_exactly_once(TestDatabase db) throws Exception {
        var blocked = new LinkedBlockingQueue<String>();
        var h = new Harness(db, 3);
        try {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            h.service.prepare(AMINA, plan("p-1", 10_000, 10));
            h.service.approve(BILAL, "p-1");
            // Four payouts go through; the next ones are paid by the provider, but their answers never
            // come back (the calls hang until the run is killed): three, since three may be in flight.
            h.probe.hook(new ProbeGateway.Hook() {
                @Override
                public void after(PayoutRequest request, int callNumber, PayoutOutcome outcome) {
                    if (callNumber > 4) {
                        blocked.add(request.idempotencyKey());
                        Processes.sleep(Duration.ofMinutes(5));
                    }
                }
            });
            h.service.execute(AMINA, "p-1");
            for (int i = 0; i < 3; i++) {
                assertThat(blocked.poll(30, TimeUnit.SECONDS)).as("blocked call " + i).isNotNull();
            }
            var runner = h.service.runOf("p-1").orElseThrow();
            var ref = Processes.monitor(runner);
            Processes.exit(runner, ExitReason.KILL);
            assertThat((Object) Processes.receive(WAIT, m -> m instanceof Down d && d.ref().equals(ref) ? d : null))
                    .isNotNull();
        } finally {
            h.close();
        }
        var afterCrash = db.store().plans().get("p-1");
        assertThat(afterCrash.status()).isEqualTo(PlanStatus.EXECUTING);
        assertThat(db.store().payouts().ofPlan("p-1", PayoutStatus.PAID)).hasSize(4);

        // A new service on the same database and provider journal: recovery, then a new run.
        try (var restarted = new Harness(db, 3, SandboxGateway.open(journal(), SandboxConfig.RELIABLE))) {
            var report = restarted.service.recovery().run();
            assertThat(report).isEqualTo(new DistributionRecovery.Report(1, 3, 3));
            assertThat(restarted.service.plan(VERA, "p-1").plan().status()).isEqualTo(PlanStatus.INCOMPLETE);

            restarted.service.execute(BILAL, "p-1");
            var done = restarted.service.awaitRun("p-1", WAIT);

            assertThat(done.plan().status()).isEqualTo(PlanStatus.PAID);
            assertThat(restarted.probe.payoutKeys()).hasSize(3);
            assertPaidOnce(restarted, done);
            assertLedger(restarted.store, "zakat-2026", 10_000, 10_000, 0);
        }
    }

    /**
     * Settling a plan its dead run left executing waits on the provider (one lookup per unfinished
     * payout), holding the lock that keeps a run of that plan from starting meanwhile; another
     * plan's execute goes ahead while it waits. The lock was one for the whole service, so a slow
     * provider held every plan's execute, settle, reissue and cancel (and the pages sending them).
     */
    @BothDatabases
    void a_settle_waiting_on_the_provider_holds_up_no_other_plan(TestDatabase db) throws Exception {
        var blocked = new LinkedBlockingQueue<String>();
        var lookingUp = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var h = new Harness(db, 1); var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            h.service.prepare(AMINA, plan("p-1", 1_000, 1));
            h.service.approve(BILAL, "p-1");
            h.service.prepare(AMINA, plan("p-2", 1_000, 1));
            h.service.approve(BILAL, "p-2");
            h.probe.hook(new ProbeGateway.Hook() {
                @Override
                public void after(PayoutRequest request, int callNumber, PayoutOutcome outcome) {
                    // p-1's answer is lost: its run hangs here until killed.
                    if (request.idempotencyKey().startsWith("payout:p-1:")) {
                        blocked.add(request.idempotencyKey());
                        Processes.sleep(Duration.ofMinutes(5));
                    }
                }

                @Override
                public void beforeLookup(String idempotencyKey) {
                    if (idempotencyKey.startsWith("payout:p-1:")) {
                        lookingUp.countDown();
                        awaitRelease(release);
                    }
                }
            });
            h.service.execute(AMINA, "p-1");
            assertThat(blocked.poll(30, TimeUnit.SECONDS)).isEqualTo("payout:p-1:r-1");
            var runner = h.service.runOf("p-1").orElseThrow();
            var ref = Processes.monitor(runner);
            Processes.exit(runner, ExitReason.KILL);
            assertThat((Object) Processes.receive(WAIT, m -> m instanceof Down d && d.ref().equals(ref) ? d : null)).isNotNull();

            var settling = threads.submit(() -> h.service.settle(BILAL, "p-1"));
            assertThat(lookingUp.await(30, TimeUnit.SECONDS)).as("the settle's lookup reached the provider").isTrue();
            var otherPlan = threads.submit(() -> h.service.execute(AMINA, "p-2"));

            try {
                assertThat(otherPlan.get(30, TimeUnit.SECONDS).plan().status()).isEqualTo(PlanStatus.EXECUTING);
            } finally {
                release.countDown();
            }
            assertThat(settling.get(30, TimeUnit.SECONDS).plan().status()).isEqualTo(PlanStatus.PAID);
            assertThat(h.service.awaitRun("p-2", WAIT).plan().status()).isEqualTo(PlanStatus.PAID);
            assertLedger(h.store, "zakat-2026", 10_000, 2_000, 0);
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the lookup");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the test to release the lookup", e);
        }
    }

    @BothDatabases
    void a_plan_longer_than_a_batch_and_many_pages_is_stored_whole_and_each_recipient_paid_once(TestDatabase db) {
        try (var h = new Harness(db, 8)) {
            zakatCampaign(h.store, "zakat-2026", 1_000_000);
            // 1,234 recipients: more lines than one insert batch (1,000), thirteen pages of attempts (100).
            var prepared = h.service.prepare(AMINA, plan("p-1", 987_654, 1_234));
            assertThat(prepared.plan().lines()).hasSize(1_234);
            assertThat(prepared.plan().lines()).extracting(PlanLine::line)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 1_234).boxed().toList());
            assertThat(h.service.approve(BILAL, "p-1").plan().lines()).isEqualTo(prepared.plan().lines());

            h.service.execute(BILAL, "p-1");
            var done = h.service.awaitRun("p-1", WAIT);

            assertThat(done.plan().status()).isEqualTo(PlanStatus.PAID);
            assertThat(done.payouts()).hasSize(1_234).allMatch(p -> p.status() == PayoutStatus.PAID && p.attempts() == 1);
            assertThat(done.total(PayoutStatus.PAID)).isEqualTo(gbp(987_654));
            assertThat(h.probe.payoutKeys()).hasSize(1_234).doesNotHaveDuplicates();
            assertPaidOnce(h, done);
            assertLedger(h.store, "zakat-2026", 1_000_000, 987_654, 0);
        }
    }

    /**
     * A plan prepared under the default cap, approved after a restart with a lower one: the rules'
     * refusal in its own words (INVALID_PLAN, ADMINISTRATORS_CAP_EXCEEDED), and the plan unchanged.
     */
    @BothDatabases
    void approving_a_plan_that_breaks_todays_rules_is_refused_as_an_invalid_plan(TestDatabase db) {
        var request = new PlanRequest("p-1", "zakat-2026", gbp(1_000), List.of(
                new RecipientShare("office", "Office", Optional.of(ZakatCategory.ADMINISTRATORS), "acct_o", BigDecimal.ONE),
                new RecipientShare("r-1", "Family 1", Optional.of(ZakatCategory.POOR), "acct_1", new BigDecimal("9"))));
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            assertThat(h.service.prepare(AMINA, request).plan().status()).isEqualTo(PlanStatus.PREPARED);
        }
        var stricter = new DistributionOptions(2, Duration.ofSeconds(30), new DistributionRules(new BigDecimal("0.05")));
        try (var h = new Harness(db, stricter, SandboxGateway.open(journal(), SandboxConfig.RELIABLE))) {
            assertThatThrownBy(() -> h.service.approve(BILAL, "p-1")).isInstanceOfSatisfying(DistributionException.class, e -> {
                assertThat(e.code()).isEqualTo(DistributionException.Code.INVALID_PLAN);
                assertThat(e.errorCode()).isEqualTo("ADMINISTRATORS_CAP_EXCEEDED");
            });
            assertThat(h.service.plan(VERA, "p-1").plan().status()).isEqualTo(PlanStatus.PREPARED);
        }
    }

    // ---- helpers ----

    /** A category books an administrators' line to the zakat share and counts as zakat in reports: zakat plans only. */
    /**
     * A reject or cancel reason is free text, stored as typed or refused (INVALID_REASON) whoever
     * sends it: a zero character in a reject reason was a PostgreSQL error (a 500) and stored on
     * SQLite; another control character, half a surrogate pair (stored as '?') and a reason
     * longer than the column were taken or failed at the insert.
     */
    @BothDatabases
    void a_reject_or_cancel_reason_that_cannot_be_stored_as_typed_is_refused_and_nothing_changes(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            h.service.prepare(AMINA, plan("p-1", 5_000, 3));
            for (var reason : new String[] {"dup\u0000licate", "dup\u0007", "dup\nlicate", "dup\uD800", "x".repeat(501), " "}) {
                assertRefused(() -> h.service.reject(BILAL, "p-1", reason), DistributionException.Code.INVALID_REASON);
                assertRefused(() -> h.service.cancel(BILAL, "p-1", "r-1", reason), DistributionException.Code.INVALID_REASON);
            }
            assertThat(h.service.plan(VERA, "p-1").plan().status()).isEqualTo(PlanStatus.PREPARED);
            var typed = "doublon du plan p-0 — voir 🌙 " + "x".repeat(450);
            var rejected = h.service.reject(BILAL, "p-1", typed).plan();
            assertThat(rejected.status()).isEqualTo(PlanStatus.REJECTED);
            assertThat(rejected.rejectionReason()).contains(typed);
        }
    }

    /** A recipient's name is stored as typed or the plan refused: a control character or half a surrogate pair was taken. */
    @BothDatabases
    void a_recipient_name_that_cannot_be_stored_as_typed_refuses_the_plan(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            zakatCampaign(h.store, "zakat-2026", 10_000);
            for (var name : new String[] {"Family\u0000 1", "Family\t1", "Family \uDC00"}) {
                assertThatThrownBy(() -> h.service.prepare(AMINA, new PlanRequest("p-1", "zakat-2026", gbp(100),
                        List.of(new RecipientShare("r-1", name, Optional.of(ZakatCategory.POOR), "acct_1", BigDecimal.ONE)))))
                        .isInstanceOfSatisfying(DistributionException.class, e -> {
                            assertThat(e.code()).isEqualTo(DistributionException.Code.INVALID_PLAN);
                            assertThat(e.field()).isEqualTo("recipients[0].name");
                        });
            }
            assertRefused(() -> h.service.plan(VERA, "p-1"), DistributionException.Code.PLAN_NOT_FOUND);
        }
    }

    @BothDatabases
    void a_plan_of_another_fund_names_no_zakat_category(TestDatabase db) {
        try (var h = new Harness(db, 2)) {
            h.store.campaigns().create(new NewCampaign("wells", "Water wells", FundType.SADAQAH, gbp(1_000_000),
                    LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
            h.store.campaigns().moveTo("wells", CampaignState.ACTIVE);
            h.store.ledger().post("donations to wells", List.of(Entry.debit(Account.clearing("sandbox"), gbp(10_000)),
                    Entry.credit(Account.campaign("wells"), gbp(10_000))));
            assertThatThrownBy(() -> h.service.prepare(AMINA, new PlanRequest("s-1", "wells", gbp(100),
                    List.of(new RecipientShare("office", "Office", Optional.of(ZakatCategory.ADMINISTRATORS), "acct_o", BigDecimal.ONE)))))
                    .isInstanceOfSatisfying(DistributionException.class, e -> {
                        assertThat(e.code()).isEqualTo(DistributionException.Code.INVALID_PLAN);
                        assertThat(e.field()).isEqualTo("recipients[0].category");
                    });
            var plain = h.service.prepare(AMINA, new PlanRequest("s-1", "wells", gbp(100),
                    List.of(new RecipientShare("office", "Office", Optional.empty(), "acct_o", BigDecimal.ONE))));
            assertThat(plain.plan().status()).isEqualTo(PlanStatus.PREPARED);
        }
    }

    private static void zakatCampaign(Store store, String id, long fundedMinor) {
        store.campaigns().create(new NewCampaign(id, "Zakat " + id, FundType.ZAKAT, gbp(1_000_000),
                LocalDate.of(2020, 1, 1), LocalDate.of(2099, 12, 31)));
        store.campaigns().moveTo(id, CampaignState.ACTIVE);
        store.ledger().post("donations to " + id, List.of(Entry.debit(Account.clearing("sandbox"), gbp(fundedMinor)),
                Entry.credit(Account.campaign(id), gbp(fundedMinor))));
    }

    private static PlanRequest plan(String id, long totalMinor, int recipients) {
        var shares = new ArrayList<RecipientShare>();
        for (int i = 1; i <= recipients; i++) {
            shares.add(new RecipientShare("r-" + i, "Family " + i,
                    Optional.of(i % 2 == 0 ? ZakatCategory.NEEDY : ZakatCategory.POOR), "acct_" + i, BigDecimal.ONE));
        }
        return new PlanRequest(id, "zakat-2026", gbp(totalMinor), shares);
    }

    private static Money gbp(long minor) {
        return Money.ofMinor(minor, GBP);
    }

    private static void assertRefused(Runnable call, DistributionException.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DistributionException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static void assertRefused(Runnable call, DistributionException.Code code, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DistributionException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.errorCode()).isEqualTo(errorCode);
        });
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("the bound was never reached: fewer calls in flight at once than allowed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The provider paid every PAID payout's key once, and no other payout of the plan at all. */
    private static void assertPaidOnce(Harness h, PlanReport report) {
        var counts = h.sandbox.payoutCounts();
        for (var payout : report.payouts()) {
            assertThat(counts.getOrDefault(payout.idempotencyKey(), 0L)).as(payout.recipientId())
                    .isEqualTo(payout.status() == PayoutStatus.PAID ? 1L : 0L);
        }
    }

    /**
     * Every transaction balanced (the balances sum to zero), the campaign holds what it was given
     * less the plan's total, the payables hold exactly what is unpaid, and the clearing account
     * what came in less what was paid out.
     */
    private static void assertLedger(Store store, String campaignId, long funded, long distributed, long unpaid) {
        Map<AccountType, Long> byType = store.ledger().balances().stream()
                .collect(Collectors.groupingBy(b -> b.account().type(), Collectors.summingLong(b -> b.balance().minorUnits())));
        assertThat(store.ledger().balances().stream().mapToLong(b -> b.balance().minorUnits()).sum()).isZero();
        assertThat(store.ledger().creditBalance(Account.campaign(campaignId), GBP).minorUnits()).isEqualTo(funded - distributed);
        assertThat(-byType.getOrDefault(AccountType.RECIPIENT_PAYABLE, 0L) - byType.getOrDefault(AccountType.ADMINISTRATORS_SHARE, 0L))
                .isEqualTo(unpaid);
        assertThat(store.ledger().balance(Account.clearing("sandbox"), GBP).minorUnits()).isEqualTo(funded - (distributed - unpaid));
    }
}
