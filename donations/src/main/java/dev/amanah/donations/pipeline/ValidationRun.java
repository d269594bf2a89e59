package dev.amanah.donations.pipeline;

import dev.amanah.donations.fraud.Attempt;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.task.YieldOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the {@link Validations} of one donation concurrently, each as a task under the
 * {@link TaskSupervisor} ({@code asyncNolink}: a crashing check is a result, never the caller's
 * death), and waits for all of them up to one shared timeout with {@code Task.yieldMany}. A check
 * that has not answered when the time is up is killed and counts as failed.
 *
 * <p>Must be called from a process (the pipeline's task), which owns the tasks.
 */
final class ValidationRun {
    /** What the checks concluded. */
    sealed interface Result {
    }

    /**
     * Every check passed; {@code counted} is the attempt the fraud check counted, so that a
     * decline of the charge is counted against the same card (the provider's, not the token's).
     */
    record Passed(Attempt counted) implements Result {
    }

    /** A check refused; the first refusal in check order (amount, campaign, donor, fraud). */
    record Refused(Refusal refusal) implements Result {
    }

    /** A check did not answer in time, or crashed; nothing was refused, nothing can be assumed. */
    record Failed(String check, String why) implements Result {
    }

    /** A check's answer: its refusal if any, and the attempt it counted (the fraud check's), else null. */
    record Checked(Optional<Refusal> refusal, Attempt counted) {
        static Checked of(Optional<Refusal> refusal) {
            return new Checked(refusal, null);
        }
    }

    private record Check(String name, Function<DonationRequest, Checked> run) {
    }

    private final TaskSupervisor tasks;
    private final List<Check> checks;
    private final Duration timeout;

    ValidationRun(TaskSupervisor tasks, Validations validations, Duration timeout) {
        this.tasks = tasks;
        this.timeout = timeout;
        this.checks = List.of(
                new Check("amount", request -> Checked.of(validations.amount(request))),
                new Check("campaign", request -> Checked.of(validations.campaign(request))),
                new Check("donor", request -> Checked.of(validations.donor(request))),
                new Check("fraud", validations::fraud));
    }

    Result run(DonationRequest request) {
        var running = new ArrayList<Task<Checked>>(checks.size());
        for (var check : checks) {
            running.add(tasks.asyncNolink(() -> check.run().apply(request)));
        }
        var yielded = Task.yieldMany(running, YieldOptions.DEFAULT.withTimeout(timeout)
                .withOnTimeout(YieldOptions.OnTimeout.KILL_TASK));
        Refused refused = null;
        Failed failed = null;
        Attempt counted = null;
        for (int i = 0; i < yielded.size(); i++) {
            var name = checks.get(i).name();
            switch (yielded.get(i).result().orElse(null)) {
                case null -> failed = failed != null ? failed
                        : new Failed(name, "timed out after " + timeout.toMillis() + " ms");
                case TaskResult.Exit<Checked>(var reason) -> failed = failed != null ? failed
                        : new Failed(name, "crashed: " + describe(reason));
                case TaskResult.Ok<Checked>(var checked) -> {
                    if (checked.refusal().isPresent() && refused == null) {
                        refused = new Refused(checked.refusal().get());
                    }
                    counted = checked.counted() != null ? checked.counted() : counted;
                }
            }
        }
        // A definite refusal is the answer even if another check failed: the donation cannot pass.
        // A hold is not: staff would release a donation a check never passed.
        if (refused != null && !(refused.refusal().heldForReview() && failed != null)) {
            return refused;
        }
        return failed != null ? failed : new Passed(counted);
    }

    /** The exception's class for a crash (no message: it may hold personal data), else the reason. */
    private static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Crash(var exception) ? exception.getClass().getSimpleName()
                : reason.toString();
    }
}
