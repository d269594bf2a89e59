package dev.amanah.bench.taskawait;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code task_await}: one process starts 100,000 tasks of trivial work (each returns its own
 * index) and then awaits them all; reported as tasks per second, from the first start until every
 * result is in. This is the cost of a task: a process (or thread), its reply, and collecting it.
 * The results are checked: one per task, in task order, each its task's index.
 * <ul>
 *   <li>Amanah: {@code Task.async} per task, then one {@code Task.awaitMany}, in a process;</li>
 *   <li>floor (shown in the "floor VT+MPSC" column; no mailbox is involved):
 *       {@code Executors.newVirtualThreadPerTaskExecutor()}, {@code submit} per task, then
 *       {@code Future.get} on each in order, in a virtual thread.</li>
 * </ul>
 * Pekko has no implementation: the issue compares Task with the JDK's executor only.
 */
public final class TaskAwait {
    static final int TASKS = 100_000;
    /** The await's timeout: generous, it is never reached unless something is broken. */
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private TaskAwait() {
    }

    /** The scenario with its implementations. */
    public static Scenario scenario() {
        return new Scenario("task_await", Counts.label(TASKS) + " Task.async + awaitMany of trivial work"
                + " (floor: newVirtualThreadPerTaskExecutor submit + get, in the floor VT+MPSC column)",
                Map.of(Contender.AMANAH, new AmanahTaskAwait(),
                        Contender.FLOOR_MPSC, new FloorTaskAwait()));
    }

    static List<Sample> samples(int tasks, long nanos) {
        return List.of(Sample.rate(new Metric("task_await (Amanah Task.async + awaitMany; floor VT executor submit + get): "
                + Counts.label(tasks) + " tasks (tasks/s)", Metric.Unit.PER_SECOND), tasks, nanos));
    }

    /** Checks that {@code results} holds every task's index, in task order. */
    static void checkResults(int tasks, List<Integer> results) {
        BenchmarkFailure.check(results.size() == tasks, () ->
                "task_await: " + results.size() + " results for " + tasks + " tasks");
        for (int i = 0; i < tasks; i++) {
            int index = i;
            BenchmarkFailure.check(results.get(i) == index, () ->
                    "task_await: task " + index + " returned " + results.get(index));
        }
    }
}
