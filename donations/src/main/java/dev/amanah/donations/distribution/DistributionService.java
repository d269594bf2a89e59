package dev.amanah.donations.distribution;

import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.staff.StaffMember;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.FreeText;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.NewPlan;
import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.PlanStore;
import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PayoutStore;
import dev.amanah.donations.store.StoreException;
import dev.amanah.donations.store.StoredPlan;
import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.DistributionPlan;
import dev.amanah.finance.fund.Fund;
import dev.amanah.finance.fund.PlannedPayment;
import dev.amanah.finance.fund.Recipient;
import dev.amanah.finance.fund.Share;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Zakat (and other fund) distribution: the API the HTTP routes and the staff dashboard call.
 * Every method takes the acting {@link StaffMember}, whose name is recorded beside what they did.
 *
 * <h2>Who may do what</h2>
 * <ul>
 *   <li>{@link #prepare}, {@link #execute}, {@link #settle}, {@link #reissue}: a preparer or an approver ({@link dev.amanah.donations.staff.Role#canPrepare});</li>
 *   <li>{@link #approve}, {@link #reject}, {@link #cancel}: an approver who did not prepare the plan (four eyes,
 *       names compared as the domain compares them ({@link dev.amanah.finance.fund.ApprovedDistribution#samePerson}:
 *       case, Unicode forms and invisible characters aside), checked here, by the domain and by the database);</li>
 *   <li>{@link #plan}, {@link #plans}: anyone, viewers included.</li>
 * </ul>
 * Refusals are {@link DistributionException}s; nothing is written when one is thrown.
 *
 * <h2>Money</h2>
 * The plan is the domain's {@link DistributionPlan}: the total divided exactly by the shares'
 * ratios (largest remainder, the lines always add up to the total), zakat only to the eight
 * categories, the administrators' share capped. The first run commits the total in the ledger
 * (campaign to the recipients' payables) only if the campaign holds it, under the campaign's lock,
 * and creates one payout per line; each paid payout moves its payable to the gateway's clearing.
 *
 * <h2>Declined payouts</h2>
 * A payout the provider declines (the recipient's account refuses it) is {@code DECLINED}: the
 * provider would answer its key with the same decline for ever, so no run sends it again, and its
 * money stays owed in the recipient's payable. Staff see it in the plan, with the reason, and act:
 * {@link #reissue} pays it again under a new key (once the recipient has fixed their account), or
 * {@link #cancel} returns its money to the campaign, for another plan. A plan whose last open
 * payout is cancelled is {@code PAID}.
 *
 * <h2>Runs</h2>
 * {@link #execute} starts a payment run ({@link PayoutRun}) as a process under the task supervisor
 * and returns at once; {@link #awaitRun} waits for it. One run per plan at a time. A run whose
 * process died (killed, crashed) is settled by {@link DistributionRecovery} before the plan runs
 * again, or when staff ask ({@link #settle}); after a crash of the whole service, at start-up.
 *
 * <p>Thread-safe. Methods block on the database; none waits for the gateway but {@link #awaitRun}.
 */
public final class DistributionService {
    /** The longest reason for cancelling a payout, in characters. */
    public static final int MAX_REASON = 400;
    /** The longest reason for rejecting a plan, in characters: the plan's column. */
    public static final int MAX_REJECT_REASON = 500;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    // What the gateway accepts as a recipient's reference, within the column's width.
    private static final Pattern ACCOUNT_REF = Pattern.compile("\\p{Graph}{1,128}");

    private final PlanStore plans;
    private final PayoutStore payouts;
    private final CampaignStore campaigns;
    private final LedgerStore ledger;
    private final TaskSupervisor tasks;
    private final DistributionOptions options;
    private final PayoutRun run;
    private final DistributionRecovery recovery;
    private final Map<String, Pid> running = new ConcurrentHashMap<>();
    /**
     * One lock per plan, made the first time the plan is acted on and kept (as many as plans): held
     * while a run of it starts, and by settle, reissue and cancel, so none of them interleaves with
     * another of the same plan; a settle waiting on a slow provider holds up no other plan's.
     */
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /**
     * The service.
     *
     * @param gateway     the resilient gateway (a circuit breaker inside retries)
     * @param gatewayName the gateway's name in the ledger's clearing account
     * @param tasks       the supervisor the runs and their payout tasks are started under
     * @param onFinished  told of every run's end, from the run's process (e.g. a PubSub broadcast); must not block
     */
    public DistributionService(PlanStore plans, PayoutStore payouts, CampaignStore campaigns, LedgerStore ledger,
                               PaymentGateway gateway, String gatewayName, TaskSupervisor tasks, DistributionOptions options,
                               Consumer<DistributionFinished> onFinished) {
        this.plans = Objects.requireNonNull(plans, "plans");
        this.payouts = Objects.requireNonNull(payouts, "payouts");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.options = Objects.requireNonNull(options, "options");
        var settler = new PayoutSettler(payouts, gateway, gatewayName);
        this.run = new PayoutRun(plans, payouts, settler, tasks, options, Objects.requireNonNull(onFinished, "onFinished"));
        this.recovery = new DistributionRecovery(plans, payouts, settler);
    }

    /** The start-up recovery of runs a crash left in flight; call before serving requests. */
    public DistributionRecovery recovery() {
        return recovery;
    }

    /**
     * Prepares a plan: the total divided among the shares by the domain's rules, stored
     * {@code PREPARED} under the preparer's name. Moves no money. An error's field is named as the
     * JSON API's request names it ({@code id}, {@code totalMinor}, {@code recipients[i].id},
     * {@code recipients[i].category}...), the only request a plan is prepared from.
     *
     * @throws DistributionException {@code FORBIDDEN} (a viewer), {@code CAMPAIGN_NOT_FOUND},
     *     {@code PLAN_EXISTS}, {@code INVALID_PLAN} (bad ids, a recipient twice, a recipient's name that
     *     cannot be stored as typed, whose {@link DistributionException#errorCode() errorCode} is
     *     {@code INVALID_NAME} (see {@link FreeText#nameProblem}), another currency
     *     than the campaign's, a nothing-to-pay plan, or a domain rule: {@code NOT_ZAKAT_ELIGIBLE},
     *     {@code ADMINISTRATORS_CAP_EXCEEDED}, {@code INVALID_RATIO}...), {@code INSUFFICIENT_FUNDS}
     *     (the campaign holds less than the total now)
     */
    public PlanReport prepare(StaffMember by, PlanRequest request) {
        requirePreparer(by, "prepare a distribution");
        requireId(request.planId(), "id");
        if (request.shares().isEmpty()) {
            throw invalid("recipients", "A plan needs at least one recipient");
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < request.shares().size(); i++) {
            var share = request.shares().get(i);
            requireId(share.recipientId(), recipient(i, "id"));
            var name = FreeText.nameProblem(share.name());
            if (name.isPresent()) {
                throw new DistributionException(DistributionException.Code.INVALID_PLAN, "INVALID_NAME",
                        recipient(i, "name"), "A recipient's name " + name.get());
            }
            if (!ACCOUNT_REF.matcher(share.accountRef()).matches()) {
                throw invalid(recipient(i, "accountRef"), "An account reference is 1 to 128 printable characters, no spaces");
            }
            if (!seen.add(share.recipientId())) {
                throw invalid(recipient(i, "id"), "Recipient " + share.recipientId() + " appears twice");
            }
        }
        var campaign = campaigns.find(request.campaignId()).orElseThrow(() -> new DistributionException(
                DistributionException.Code.CAMPAIGN_NOT_FOUND, "campaignId", "No campaign " + request.campaignId()));
        if (!campaign.goal().currency().equals(request.total().currency())) {
            throw invalid("currency", "The campaign holds " + campaign.goal().currency().getCurrencyCode());
        }
        if (request.total().signum() <= 0) {
            throw invalid("totalMinor", "A distribution must be more than zero");
        }
        if (!campaign.fundType().restrictedToEightCategories()) {
            // A category would book an administrators' line to the zakat administrators' share and
            // count the line as zakat in the reports: it belongs to zakat plans only.
            for (int i = 0; i < request.shares().size(); i++) {
                if (request.shares().get(i).zakatCategory().isPresent()) {
                    throw invalid(recipient(i, "category"),
                            "Only a zakat fund's plan names zakat categories; this campaign's fund is " + campaign.fundType());
                }
            }
        }
        DistributionPlan domain;
        try {
            var shares = request.shares().stream()
                    .map(s -> new Share(new Recipient(s.recipientId(), s.name(), s.zakatCategory()), s.ratio())).toList();
            domain = DistributionPlan.prepare(request.planId(), new Fund(campaign.id(), campaign.name(), campaign.fundType()),
                    request.total(), shares, by.username(), options.rules());
        } catch (FinanceException e) {
            throw new DistributionException(DistributionException.Code.INVALID_PLAN, e.code().name(), fieldOf(e), e.detail());
        }
        requireHeld(campaign.id(), request.total());
        var lines = new ArrayList<PlanLine>();
        for (int i = 0; i < domain.payments().size(); i++) {
            var payment = domain.payments().get(i);
            var share = request.shares().get(i);
            lines.add(line(i + 1, payment, share));
        }
        try {
            var stored = plans.create(new NewPlan(request.planId(), campaign.id(), campaign.fundType(), request.total(),
                    by.username(), lines));
            return new PlanReport(stored, List.of());
        } catch (StoreException e) {
            if (e.code() == StoreException.Code.DUPLICATE) {
                throw new DistributionException(DistributionException.Code.PLAN_EXISTS, "id",
                        "A plan " + request.planId() + " exists already");
            }
            throw e;
        }
    }

    /**
     * Approves a prepared plan. Moves no money: {@link #execute} does.
     *
     * @throws DistributionException {@code FORBIDDEN} (not an approver), {@code APPROVER_IS_PREPARER},
     *     {@code PLAN_NOT_FOUND}, {@code ILLEGAL_STATE} (not {@code PREPARED}), {@code INVALID_PLAN}
     *     with the domain's code (the plan breaks the rules as configured now, e.g. a lower
     *     administrators' cap than when it was prepared)
     */
    public PlanReport approve(StaffMember by, String planId) {
        var plan = decidable(by, planId, "approve");
        try {
            toDomain(plan).approve(by.username());
        } catch (FinanceException e) {
            if (e.code() == ErrorCode.APPROVER_IS_PREPARER) {
                throw fourEyes(by, plan);
            }
            // The stored plan breaks the rules as they are now (a lower administrators' cap since).
            throw new DistributionException(DistributionException.Code.INVALID_PLAN, e.code().name(), fieldOf(e), e.detail());
        }
        return report(transition(() -> plans.approve(planId, by.username())));
    }

    /**
     * Rejects a prepared plan (final), with a reason.
     *
     * @throws DistributionException as {@link #approve}, and {@code INVALID_REASON} (field
     *     {@code reason}: blank, longer than {@value #MAX_REJECT_REASON}, not storable as typed,
     *     or holding a direction override, see {@link FreeText#shownProblem}) before anything else
     */
    public PlanReport reject(StaffMember by, String planId, String reason) {
        requireReason(reason, MAX_REJECT_REASON);
        decidable(by, planId, "reject");
        return report(transition(() -> plans.reject(planId, by.username(), reason)));
    }

    /**
     * Starts paying an approved plan (or what an incomplete one left unpaid) and returns at once,
     * the plan {@code EXECUTING}, with its payouts as they were when the run started (none paid
     * by this run yet: {@link #awaitRun} or {@link #plan} report its progress). The first run
     * commits the plan's money in the ledger.
     *
     * @throws DistributionException {@code FORBIDDEN} (a viewer), {@code PLAN_NOT_FOUND},
     *     {@code PLAN_EXECUTING} (a run is under way), {@code ILLEGAL_STATE} (not approved, or
     *     paid already: nothing is paid twice; {@code PAYOUTS_DECLINED}: nothing to pay but
     *     declined payouts, which {@link #reissue} or {@link #cancel} settle), {@code INSUFFICIENT_FUNDS}
     */
    public PlanReport execute(StaffMember by, String planId) {
        requirePreparer(by, "execute a distribution");
        var lock = locked(planId);
        try {
            var live = running.get(planId);
            if (live != null && Processes.isAlive(live)) {
                throw new DistributionException(DistributionException.Code.PLAN_EXECUTING, null,
                        "Plan " + planId + " is being paid; wait for the run to end");
            }
            running.remove(planId);
            var plan = find(planId);
            if (plan.status() == PlanStatus.EXECUTING) {
                // Its run died without ending it (no live run in this service): settle it first.
                recovery.settle(plan);
                plan = plans.get(planId);
            }
            if (plan.status() != PlanStatus.APPROVED && plan.status() != PlanStatus.INCOMPLETE) {
                throw illegal(plan, "execute");
            }
            if (plan.status() == PlanStatus.INCOMPLETE && payouts.unpaidIds(planId).isEmpty()) {
                // Only declined payouts are left: a run would send nothing and end INCOMPLETE again.
                throw new DistributionException(DistributionException.Code.ILLEGAL_STATE, "PAYOUTS_DECLINED", null,
                        "Plan " + planId + " has nothing to pay but declined payouts; reissue or cancel them");
            }
            var current = plan;
            StoredPlan started;
            try {
                started = transition(() -> plans.startExecution(planId, by.username(), Bookings.funding(current),
                        Bookings.payouts(current)));
            } catch (FinanceException e) {
                if (e.code() == ErrorCode.INSUFFICIENT_FUNDS) {
                    throw new DistributionException(DistributionException.Code.INSUFFICIENT_FUNDS, "totalMinor",
                            "The campaign holds less than the plan's total");
                }
                throw e;
            }
            // Read before the run starts, not beside it: with 100,000 payouts this read takes long
            // enough to make the run's first transactions wait past the pool's timeout on SQLite.
            var report = report(started);
            running.put(planId, tasks.startChild(() -> run.run(planId)));
            return report;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Settles a plan left {@code EXECUTING} by a run that died (killed, or the service stopped
     * mid-run) as start-up does, without waiting for a restart: each unfinished payout is looked up
     * at the provider by its key and booked as it stands there (see {@link DistributionRecovery}),
     * and the plan becomes {@code PAID} or {@code INCOMPLETE}. Never pays: {@link #execute} pays
     * what is left, under the same keys. Holds the plan's own lock, the one {@link #execute} takes,
     * so no run of the plan starts meanwhile, while other plans' runs do; blocks on the database and
     * the gateway (one lookup per unfinished payout).
     *
     * @throws DistributionException {@code FORBIDDEN} (a viewer), {@code PLAN_NOT_FOUND},
     *     {@code PLAN_EXECUTING} (its run is alive: it settles the plan itself), {@code ILLEGAL_STATE}
     *     (the plan is not {@code EXECUTING}: nothing to settle)
     */
    public PlanReport settle(StaffMember by, String planId) {
        requirePreparer(by, "settle a distribution");
        var lock = locked(planId);
        try {
            if (runOf(planId).isPresent()) {
                throw new DistributionException(DistributionException.Code.PLAN_EXECUTING, null,
                        "Plan " + planId + " is being paid; its run settles it when it ends");
            }
            running.remove(planId);
            var plan = find(planId);
            if (plan.status() != PlanStatus.EXECUTING) {
                throw illegal(plan, "settle");
            }
            recovery.settle(plan);
            return report(plans.get(planId));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reissues the declined payout of a recipient under a new idempotency key: it becomes
     * {@code FAILED}, and the next {@link #execute} pays it as a new request to the provider. For
     * when the recipient has made their account able to receive (the account itself is the
     * approved plan's and does not change). Moves no money.
     *
     * <p>{@code seenAttempts} is the payout's {@link Payout#attempts() attempts} as the caller saw
     * it when deciding (the version of the decline they are answering). A payout declined again
     * since, by a run that sent the reissue, has more: the request is the repeat of a reissue that
     * was done (a double click whose second request came late), not a decision about the new
     * decline, and is refused {@code PAYOUT_CHANGED}, nothing reissued. Empty: the decline that
     * stands now is reissued, whichever attempt it is (for callers that cannot say what they saw).
     *
     * @throws DistributionException {@code FORBIDDEN} (a viewer), {@code PLAN_NOT_FOUND},
     *     {@code PAYOUT_NOT_FOUND}, {@code PLAN_EXECUTING}, {@code ILLEGAL_STATE} (the plan is not
     *     {@code INCOMPLETE}, the payout is not {@code DECLINED}, {@code seenAttempts} is more than
     *     it has had; or, as {@link DistributionException#errorCode() errorCode} {@code PAYOUT_CHANGED},
     *     field {@code attempts}, it has been sent since the attempt seen)
     */
    public PlanReport reissue(StaffMember by, String planId, String recipientId, OptionalInt seenAttempts) {
        requirePreparer(by, "reissue a payout");
        return whileIdle(planId, "reissue a payout of", plan -> {
            var payout = declined(plan, recipientId, seenAttempts);
            plans.reissuePayout(planId, payout.id(), Bookings.reissuedKey(planId, recipientId, payout.attempts() + 1),
                    "reissued by " + by.username() + " after " + payout.failureReason().orElse("a decline"));
            return plans.get(planId);
        });
    }

    /**
     * Cancels the declined payout of a recipient, with a reason: in one transaction its amount goes
     * back from the recipient's payable to the campaign (available to another plan), the payout is
     * {@code CANCELLED} (final), and the plan is {@code PAID} if nothing else is left open. Four
     * eyes, as for approving: it changes what an approver approved.
     *
     * @throws DistributionException {@code FORBIDDEN} (not an approver), {@code APPROVER_IS_PREPARER},
     *     {@code PLAN_NOT_FOUND}, {@code PAYOUT_NOT_FOUND}, {@code PLAN_EXECUTING},
     *     {@code ILLEGAL_STATE} (the plan is not {@code INCOMPLETE}, or the payout is not {@code DECLINED}),
     *     {@code INVALID_REASON} (field {@code reason}: blank, longer than {@value #MAX_REASON}, not
     *     storable as typed, or holding a direction override, see {@link FreeText#shownProblem}), checked first
     */
    public PlanReport cancel(StaffMember by, String planId, String recipientId, String reason) {
        // Stored beside who cancelled, within the payout's 500-character reason.
        requireReason(reason, MAX_REASON);
        requireApprover(by, "cancel a payout");
        return whileIdle(planId, "cancel a payout of", plan -> {
            requireOtherEyes(by, plan);
            var payout = declined(plan, recipientId, OptionalInt.empty());
            var line = plan.lines().stream().filter(l -> l.recipientId().equals(recipientId)).findFirst().orElseThrow();
            return plans.cancelPayout(planId, payout.id(), "cancelled by " + by.username() + ": " + reason,
                    "payout " + payout.id() + " of plan " + planId + " to " + recipientId + " cancelled by " + by.username(),
                    Bookings.cancelled(line, payout.amount(), plan.campaignId()));
        });
    }

    /**
     * Runs {@code change} on an {@code INCOMPLETE} plan with no run alive, holding the plan's lock,
     * the one {@link #execute} takes, so no run of it starts meanwhile (the store locks the plan's
     * row too).
     */
    private PlanReport whileIdle(String planId, String action, Function<StoredPlan, StoredPlan> change) {
        var lock = locked(planId);
        try {
            if (runOf(planId).isPresent()) {
                throw new DistributionException(DistributionException.Code.PLAN_EXECUTING, null,
                        "Plan " + planId + " is being paid; wait for the run to end");
            }
            var plan = find(planId);
            if (plan.status() != PlanStatus.INCOMPLETE) {
                throw illegal(plan, action);
            }
            try {
                return report(change.apply(plan));
            } catch (StoreException e) {
                if (e.code() == StoreException.Code.ILLEGAL_TRANSITION) {
                    throw new DistributionException(DistributionException.Code.ILLEGAL_STATE, null,
                            "The plan changed meanwhile: " + e.getMessage().replaceFirst("^ILLEGAL_TRANSITION: ", ""));
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The plan's lock, locked; the plan is looked up first, so no lock is made for an id that
     * names none.
     *
     * @throws DistributionException {@code PLAN_NOT_FOUND}
     */
    private ReentrantLock locked(String planId) {
        find(planId);
        var lock = locks.computeIfAbsent(planId, id -> new ReentrantLock());
        lock.lock();
        return lock;
    }

    /** The recipient's payout, {@code DECLINED} and, if {@code seenAttempts} is given, at that attempt. */
    private Payout declined(StoredPlan plan, String recipientId, OptionalInt seenAttempts) {
        requireId(recipientId, "recipientId");
        var payout = payouts.find(Bookings.payoutId(plan.id(), recipientId)).filter(p -> p.planId().equals(plan.id()))
                .orElseThrow(() -> new DistributionException(DistributionException.Code.PAYOUT_NOT_FOUND, "recipientId",
                        "Plan " + plan.id() + " has no payout to " + recipientId));
        if (seenAttempts.isPresent() && payout.attempts() > seenAttempts.getAsInt()) {
            throw new DistributionException(DistributionException.Code.ILLEGAL_STATE, "PAYOUT_CHANGED", "attempts",
                    "The payout to " + recipientId + " was sent again since attempt " + seenAttempts.getAsInt()
                            + " (it is " + payout.status() + " at attempt " + payout.attempts() + "); reload it to decide on what it is now");
        }
        if (seenAttempts.isPresent() && payout.attempts() < seenAttempts.getAsInt()) {
            throw new DistributionException(DistributionException.Code.ILLEGAL_STATE, null, "attempts",
                    "The payout to " + recipientId + " has had " + payout.attempts() + " attempts, not " + seenAttempts.getAsInt());
        }
        if (payout.status() != PayoutStatus.DECLINED) {
            throw new DistributionException(DistributionException.Code.ILLEGAL_STATE, null,
                    "The payout to " + recipientId + " is " + payout.status() + "; only a declined payout is reissued or cancelled");
        }
        return payout;
    }

    /**
     * Waits until the plan's run (if one is alive) ends, up to {@code timeout}, and reports the
     * plan. Blocks the caller (adopted as a process); returns at once if no run is alive.
     */
    public PlanReport awaitRun(String planId, Duration timeout) {
        var live = running.get(planId);
        if (live != null) {
            var ref = Processes.monitor(live);
            Processes.receive(timeout, message -> message instanceof Down down && down.ref().equals(ref) ? down : null,
                    () -> null);
            Processes.demonitor(ref, true);
        }
        return report(find(planId));
    }

    /** The process of the plan's run, while one is alive (for operators and tests). */
    public Optional<Pid> runOf(String planId) {
        return Optional.ofNullable(running.get(planId)).filter(Processes::isAlive);
    }

    /**
     * A plan with its payouts; anyone on the staff may look.
     *
     * @throws DistributionException {@code PLAN_NOT_FOUND}
     */
    public PlanReport plan(StaffMember by, String planId) {
        Objects.requireNonNull(by, "by");
        return report(find(planId));
    }

    /** The most recently prepared plans first, at most {@code limit}, with their payouts; anyone on the staff may look. */
    public List<PlanReport> plans(StaffMember by, int limit) {
        Objects.requireNonNull(by, "by");
        return plans.recent(limit).stream().map(this::report).toList();
    }

    private StoredPlan decidable(StaffMember by, String planId, String action) {
        requireApprover(by, action + " a distribution");
        var plan = find(planId);
        requireOtherEyes(by, plan);
        if (plan.status() != PlanStatus.PREPARED) {
            throw illegal(plan, action);
        }
        return plan;
    }

    /** @throws DistributionException {@code FORBIDDEN} unless {@code by} is an approver */
    private static void requireApprover(StaffMember by, String action) {
        if (!by.role().canApprove()) {
            throw new DistributionException(DistributionException.Code.FORBIDDEN, null, "Only an approver may " + action);
        }
    }

    /** Four eyes: @throws DistributionException {@code APPROVER_IS_PREPARER} if {@code by} prepared {@code plan}. */
    private static void requireOtherEyes(StaffMember by, StoredPlan plan) {
        if (!by.mayApproveWorkOf(plan.preparedBy())) {
            throw fourEyes(by, plan);
        }
    }

    private static void requireReason(String reason, int maxLength) {
        FreeText.shownProblem(reason, maxLength).ifPresent(problem -> {
            throw new DistributionException(DistributionException.Code.INVALID_REASON, "reason", "The reason " + problem);
        });
    }

    private static DistributionException fourEyes(StaffMember by, StoredPlan plan) {
        return new DistributionException(DistributionException.Code.APPROVER_IS_PREPARER, null,
                by.username() + " prepared plan " + plan.id() + "; another approver must decide on it");
    }

    private static DistributionException illegal(StoredPlan plan, String action) {
        return new DistributionException(DistributionException.Code.ILLEGAL_STATE, null,
                "Plan " + plan.id() + " is " + plan.status() + "; cannot " + action + " it");
    }

    private StoredPlan transition(Supplier<StoredPlan> change) {
        try {
            return change.get();
        } catch (StoreException e) {
            if (e.code() == StoreException.Code.ILLEGAL_TRANSITION) {
                throw new DistributionException(DistributionException.Code.ILLEGAL_STATE, null,
                        "The plan changed meanwhile: " + e.getMessage().replaceFirst("^ILLEGAL_TRANSITION: ", ""));
            }
            throw e;
        }
    }

    private void requireHeld(String campaignId, Money total) {
        var held = ledger.creditBalance(Account.campaign(campaignId), total.currency());
        if (held.compareTo(total) < 0) {
            throw new DistributionException(DistributionException.Code.INSUFFICIENT_FUNDS, "totalMinor",
                    "The campaign holds " + held.amount().toPlainString() + " " + total.currency().getCurrencyCode()
                            + ", less than " + total.amount().toPlainString());
        }
    }

    private StoredPlan find(String planId) {
        return plans.find(planId).orElseThrow(() -> new DistributionException(DistributionException.Code.PLAN_NOT_FOUND,
                null, "No distribution plan " + planId));
    }

    private PlanReport report(StoredPlan plan) {
        return new PlanReport(plan, payouts.ofPlan(plan.id()));
    }

    /** The stored plan as the domain's, checked again against the rules. */
    private DistributionPlan toDomain(StoredPlan plan) {
        var payments = plan.lines().stream()
                .map(l -> new PlannedPayment(new Recipient(l.recipientId(), l.recipientName(), l.zakatCategory()), l.amount()))
                .toList();
        return new DistributionPlan(plan.id(), new Fund(plan.campaignId(), plan.campaignId(), plan.fundType()), plan.total(),
                payments, plan.preparedBy(), options.rules());
    }

    private static PlanLine line(int number, PlannedPayment payment, RecipientShare share) {
        try {
            return new PlanLine(number, share.recipientId(), share.name(), share.zakatCategory(), share.accountRef(),
                    share.ratio(), payment.amount());
        } catch (IllegalArgumentException e) {
            throw invalid("recipients[" + (number - 1) + "]", e.getMessage());
        }
    }

    private static void requirePreparer(StaffMember by, String action) {
        if (!by.role().canPrepare()) {
            throw new DistributionException(DistributionException.Code.FORBIDDEN, null,
                    "A " + by.role() + " may not " + action);
        }
    }

    private static void requireId(String id, String field) {
        if (!ID.matcher(id).matches()) {
            throw invalid(field, "Use 1 to 64 characters from A-Z, a-z, 0-9 and . _ -");
        }
    }

    private static DistributionException invalid(String field, String message) {
        return new DistributionException(DistributionException.Code.INVALID_PLAN, field, message);
    }

    /** A recipient's field as the JSON request names it: the {@code i}th of {@code recipients}. */
    private static String recipient(int i, String field) {
        return "recipients[" + i + "]." + field;
    }

    /**
     * The domain's field, as the JSON request names it: a payment's recipient refused by the fund's
     * rules ({@code payments[2].recipient}) lacks a category, {@code recipients[2].category}; a
     * ratio is a recipient's, {@code ratios[2]} is {@code recipients[2].ratio}.
     */
    private static String fieldOf(FinanceException e) {
        return e.field() == null ? null : e.field()
                .replaceFirst("^payments\\[(\\d+)]\\.recipient$", "recipients[$1].category")
                .replaceFirst("^ratios\\[(\\d+)]$", "recipients[$1].ratio")
                .replaceFirst("^payments\\[(\\d+)]\\.amount$", "recipients[$1]")
                .replaceFirst("^(payments|ratios)$", "recipients")
                .replace("total", "totalMinor");
    }
}
