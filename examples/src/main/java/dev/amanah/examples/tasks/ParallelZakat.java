package dev.amanah.examples.tasks;

import static dev.amanah.examples.SimpleZakat.calculateZakat;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The seed's Task Module diagrams: four zakat calculations (A to D) of about 2 s each, started
 * with {@code Task.async} and awaited, take about 2 s in all instead of 8 s one after the other.
 * The seed shows this as a sequence diagram only; here it is code, with both versions side by side.
 *
 * <p>Each calculation sleeps {@link #calculationTime()} to stand for the seed's 2 s of work (a sleep
 * parks a virtual thread, so the speed-up holds whatever the number of cores; CPU-bound work would
 * be bounded by them, as the seed's "4x speedup with 4 cores" says). Money is exact and the nisab is
 * reached at equality ({@link dev.amanah.examples.SimpleZakat}).
 */
public final class ParallelZakat {
    /** The seed's time per calculation: 2 s. */
    public static final Duration SEED_CALCULATION_TIME = Duration.ofSeconds(2);

    private final Duration calculationTime;

    /** Calculations that take {@code calculationTime} each. */
    public ParallelZakat(Duration calculationTime) {
        this.calculationTime = Objects.requireNonNull(calculationTime, "calculationTime");
    }

    /** The simulated time of one calculation. */
    public Duration calculationTime() {
        return calculationTime;
    }

    /**
     * The zakat on each of {@code wealths}, in their order, each computed in its own task (all
     * started before any is awaited), waiting up to {@code calculationTime} plus 5 s for each.
     */
    public List<Money> calculateConcurrently(List<Money> wealths, Money nisab) {
        // Start all tasks concurrently
        var tasks = wealths.stream().map(wealth -> Task.async(() -> calculate(wealth, nisab))).toList();
        // Task.await() → result, in order
        return tasks.stream().map(task -> task.await(calculationTime.plus(Task.DEFAULT_TIMEOUT))).toList();
    }

    /** The same, one calculation after the other in the caller: the diagram's 8 s. */
    public List<Money> calculateSequentially(List<Money> wealths, Money nisab) {
        return wealths.stream().map(wealth -> calculate(wealth, nisab)).toList();
    }

    private Money calculate(Money wealth, Money nisab) {
        Processes.sleep(calculationTime);
        return calculateZakat(wealth, nisab);
    }
}
