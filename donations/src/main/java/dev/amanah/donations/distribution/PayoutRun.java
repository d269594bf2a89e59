package dev.amanah.donations.distribution;

import dev.amanah.donations.store.PlanLine;
import dev.amanah.donations.store.PlanStatus;
import dev.amanah.donations.store.PlanStore;
import dev.amanah.donations.store.Payout;
import dev.amanah.donations.store.PayoutStatus;
import dev.amanah.donations.store.PayoutStore;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One payment run of an {@code EXECUTING} plan: the seed's {@code ConcurrentDistributor} on the
 * runtime. Every payout not yet paid is paid by its own task, children of the task supervisor,
 * through {@link TaskSupervisor#asyncStreamNolink} with at most
 * {@link DistributionOptions#maxConcurrency()} alive at once (so at most that many gateway calls
 * in flight), each within {@link DistributionOptions#payoutTimeout()} (an overrun kills that task
 * only). A crashing or killed payout task is an element of the stream, never the run's death;
 * its payout is then failed, to be paid again under the same key. A declined payout is not in the
 * run at all (see {@link PayoutSettler}). When the stream is done the plan becomes {@code PAID}
 * if every payout is paid (or cancelled), else {@code INCOMPLETE}, and
 * {@link DistributionFinished} is told. The stream pulls the payouts from {@link AttemptPages}:
 * only their ids are loaded up front, and they are read and counted as attempted a page at a time.
 *
 * <p>Must run in a process (the run's own, a child of the task supervisor), which owns the stream;
 * if that process is killed its payout tasks die with it and the plan stays {@code EXECUTING}
 * until {@link DistributionRecovery} (at start-up, or before the next run) settles it.
 */
final class PayoutRun {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.distribution");
    /** Payouts counted as attempted per transaction, ahead of their tasks. */
    private static final int ATTEMPT_PAGE = 100;

    private final PlanStore plans;
    private final PayoutStore payouts;
    private final PayoutSettler settler;
    private final TaskSupervisor tasks;
    private final DistributionOptions options;
    private final Consumer<DistributionFinished> onFinished;

    PayoutRun(PlanStore plans, PayoutStore payouts, PayoutSettler settler, TaskSupervisor tasks, DistributionOptions options,
              Consumer<DistributionFinished> onFinished) {
        this.plans = plans;
        this.payouts = payouts;
        this.settler = settler;
        this.tasks = tasks;
        this.options = options;
        this.onFinished = onFinished;
    }

    /** Pays every unpaid payout of the plan, then ends the run; blocks until done. */
    void run(String planId) {
        var plan = plans.get(planId);
        Map<String, PlanLine> lines = plan.lines().stream()
                .collect(Collectors.toMap(PlanLine::recipientId, Function.identity()));
        var unpaidIds = payouts.unpaidIds(planId);
        var unpaid = new AttemptPages(payouts, unpaidIds, ATTEMPT_PAGE);
        LOG.log(System.Logger.Level.INFO, "event=distribution_run_started plan=" + planId + " payouts=" + unpaidIds.size()
                + " max_concurrency=" + options.maxConcurrency());
        var streamOptions = StreamOptions.DEFAULT
                .withMaxConcurrency(options.maxConcurrency())
                .withOrdered(false)
                .withTimeout(options.payoutTimeout())
                .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK);
        try (var results = tasks.asyncStreamNolink(unpaid,
                (Payout payout) -> settler.pay(payout, lines.get(payout.recipientId())), streamOptions)) {
            results.forEach(result -> {
                if (result instanceof TaskResult.Exit<Payout>(var reason)) {
                    LOG.log(System.Logger.Level.WARNING, "event=payout_task_ended plan=" + planId + " reason=" + describe(reason));
                }
            });
        }
        // A task that crashed or overran left its payout PENDING: fail it, so the next run pays it
        // again under its key (the provider pays a key once, whatever it did before the task died).
        for (var stuck : payouts.ofPlan(planId, PayoutStatus.PENDING)) {
            payouts.markFailed(stuck.id(), "interrupted: the payout's task ended before the provider answered");
        }
        var all = payouts.ofPlan(planId);
        long paid = all.stream().filter(p -> p.status() == PayoutStatus.PAID).count();
        // A cancelled payout is settled (its money went back to the campaign) but not paid.
        boolean settled = all.stream().allMatch(p -> p.status().settled());
        var status = settled ? PlanStatus.PAID : PlanStatus.INCOMPLETE;
        plans.finishExecution(planId, status);
        LOG.log(System.Logger.Level.INFO, "event=distribution_run_finished plan=" + planId + " status=" + status
                + " paid=" + paid + " unpaid=" + (all.size() - paid));
        onFinished.accept(new DistributionFinished(planId, status, paid, all.size() - paid));
    }

    private static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Crash(var exception) ? exception.getClass().getSimpleName() : reason.toString();
    }
}
