package dev.amanah.donations.pipeline;

import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the {@link Validations} of one donation concurrently, each in its own process under the
 * {@link TaskSupervisor}, and waits for all of them up to one shared timeout. Each check sends its
 * verdict back to the caller in a {@link Verdict} message tagged with a fresh ref; a check that
 * throws sends its failure instead. A check that has not answered when the time is up is
 * terminated and counts as failed.
 *
 * <p>Why not {@code Task.yieldMany}: under load a waiting owner was seen blocked for good in
 * {@code TaskSet.flushDowns}, waiting for the {@code Down} of a task that had replied (reported
 * to the runtime's owner). Plain messages need no monitor: the caller only ever waits with a
 * deadline. A verdict that arrives after the deadline stays in the caller's mailbox, which is the
 * pipeline's short-lived task process, so it goes when that process ends.
 *
 * <p>Must be called from a process (the pipeline's task).
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

    /** One check's answer: its refusal (empty: passed), or why it failed. */
    private record Verdict(Ref run, int check, Optional<Refusal> refusal, String failure) {
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
        var caller = Processes.self();
        var run = new Ref();
        var workers = new ArrayList<Pid>();
        for (int i = 0; i < checks.size(); i++) {
            var index = i;
            var check = checks.get(i);
            workers.add(tasks.startChild(() -> {
                Verdict verdict;
                try {
                    verdict = new Verdict(run, index, check.run().apply(request), null);
                } catch (RuntimeException e) {
                    verdict = new Verdict(run, index, Optional.empty(), e.getClass().getSimpleName());
                }
                caller.send(verdict);
            }));
        }
        var verdicts = new Verdict[checks.size()];
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int answered = 0; answered < checks.size(); answered++) {
            var left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            var verdict = Processes.receive(left, message -> message instanceof Verdict v && v.run() == run ? v : null,
                    () -> null);
            if (verdict == null) {
                break;
            }
            verdicts[verdict.check()] = verdict;
        }
        return conclude(verdicts, workers);
    }

    private Result conclude(Verdict[] verdicts, List<Pid> workers) {
        Refused refused = null;
        Failed failed = null;
        for (int i = 0; i < verdicts.length; i++) {
            var name = checks.get(i).name();
            var verdict = verdicts[i];
            if (verdict == null) {
                tasks.terminateChild(workers.get(i));
                failed = failed != null ? failed : new Failed(name, "timed out after " + timeout.toMillis() + " ms");
            } else if (verdict.failure() != null) {
                failed = failed != null ? failed : new Failed(name, "crashed: " + verdict.failure());
            } else if (verdict.refusal().isPresent() && refused == null) {
                refused = new Refused(verdict.refusal().get());
            }
        }
        // A definite refusal is the answer even if another check failed: the donation cannot pass.
        if (refused != null) {
            return refused;
        }
        return failed != null ? failed : new Passed();
    }
}
