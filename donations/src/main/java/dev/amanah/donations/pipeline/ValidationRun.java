package dev.amanah.donations.pipeline;

import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import dev.amanah.otp.task.YieldOptions;

/**
 * Runs the {@link Validations} of one donation concurrently, each as a task under the
 * {@link TaskSupervisor} (not linked: a crashing check fails the donation, not the caller), and
 * waits for all of them up to one shared timeout. A check still running then is shut down and
 * counts as failed. Must be called from a process (the pipeline's task); leaves nothing in its
 * mailbox.
 */
final class ValidationRun {
    /** What the checks concluded. */
    sealed interface Result {
    }

    /** Every check passed. */
    record Passed() implements Result {
    }

    /** A check refused; the first refusal in check order (amount, campaign, donor, fraud). */
    record Refused(Refusal refusal) implements Result {
    }

    /** A check did not answer in time, or crashed; nothing was refused, nothing can be assumed. */
    record Failed(String check, String why) implements Result {
    }

    private record Check(String name, Function<DonationRequest, Optional<Refusal>> run) {
    }

    private final TaskSupervisor tasks;
    private final List<Check> checks;
    private final Duration timeout;

    ValidationRun(TaskSupervisor tasks, Validations validations, Duration timeout) {
        this.tasks = tasks;
        this.timeout = timeout;
        this.checks = List.of(
                new Check("amount", validations::amount),
                new Check("campaign", validations::campaign),
                new Check("donor", validations::donor),
                new Check("fraud", validations::fraud));
    }

    Result run(DonationRequest request) {
        var running = new ArrayList<Task<Optional<Refusal>>>();
        for (var check : checks) {
            running.add(tasks.asyncNolink(() -> check.run().apply(request)));
        }
        var results = Task.yieldMany(running, YieldOptions.DEFAULTS.withTimeout(timeout)
                .withOnTimeout(YieldOptions.OnTimeout.KILL_TASK));
        Refused refused = null;
        Failed failed = null;
        for (int i = 0; i < checks.size(); i++) {
            var name = checks.get(i).name();
            switch (results.get(i).result().orElse(null)) {
                case null -> failed = failed != null ? failed : new Failed(name, "timed out after " + timeout.toMillis() + " ms");
                case TaskResult.Ok<Optional<Refusal>>(var refusal) when refusal.isPresent() ->
                        refused = refused != null ? refused : new Refused(refusal.get());
                case TaskResult.Ok<Optional<Refusal>> passed -> { }
                case TaskResult.Exit<Optional<Refusal>>(var reason) ->
                        failed = failed != null ? failed : new Failed(name, "crashed: " + reason);
            }
        }
        // A definite refusal is the answer even if another check failed: the donation cannot pass.
        if (refused != null) {
            return refused;
        }
        return failed != null ? failed : new Passed();
    }
}
