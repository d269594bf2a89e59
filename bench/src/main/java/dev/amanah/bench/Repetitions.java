package dev.amanah.bench;

import java.time.Duration;

/**
 * How many measured repetitions a scenario gets: at least {@code minimum}; then more, up to
 * {@code maximum}, while the repetitions so far took less than {@code budget} of wall time in all
 * (every runtime's runs, with the collection and the quiescence check before each).
 *
 * <p>Why a budget: a row's spread comes from the host as much as from the runtimes (its speed
 * drifts for cross-core traffic, {@code results/2026-12-05-host-drift.md}), and the median of two
 * paired ratios is their mean. With a fixed count, {@code --all} gave {@code restart}, whose
 * 10,000 cycles take 10-50 ms, and {@code task_await} (0.1 s) the same 2 repetitions as
 * {@code ring}, whose runs take 17 s each. With a budget the short rows get up to
 * {@code maximum} pairs for a few seconds, and the long ones stay at {@code minimum}.
 *
 * @param minimum repetitions always run, at least 1
 * @param maximum repetitions at most, at least {@code minimum}
 * @param budget  the wall time of measured repetitions after which no more are started beyond
 *                {@code minimum}; zero for exactly {@code minimum}
 */
record Repetitions(int minimum, int maximum, Duration budget) {
    /**
     * {@code --all}'s budget per scenario: up to 7 pairs on the short rows, for about 10 s more in
     * all (14 min 43 s at 0023ef8, 14 min 44 s the run before without it).
     */
    static final Duration ALL_BUDGET = Duration.ofSeconds(3);
    /** {@code --all}'s maximum: odd, so that a scenario that reaches it has a middle pair for its median. */
    static final int ALL_MAXIMUM = 7;

    Repetitions {
        if (minimum < 1) {
            throw new IllegalArgumentException("at least one repetition, not " + minimum);
        }
        if (maximum < minimum) {
            throw new IllegalArgumentException("maximum " + maximum + " below minimum " + minimum);
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative: " + budget);
        }
    }

    /** Exactly {@code count} repetitions, as {@code --reps} asks. */
    static Repetitions exactly(int count) {
        return new Repetitions(count, count, Duration.ZERO);
    }

    /** {@code --all}'s: at least {@code minimum}, then more within {@link #ALL_BUDGET}, up to {@link #ALL_MAXIMUM}. */
    static Repetitions budgeted(int minimum) {
        return new Repetitions(minimum, Math.max(minimum, ALL_MAXIMUM), ALL_BUDGET);
    }

    /** Whether to run another repetition after {@code done}, which took {@code spentNanos} in all. */
    boolean another(int done, long spentNanos) {
        return done < minimum || done < maximum && spentNanos < budget.toNanos();
    }

    /** How the runner's log names repetition {@code number}: {@code run 3/5}, or {@code run 3/2-7} with a budget. */
    String label(int number) {
        return "run " + number + "/" + (isFixed() ? minimum : minimum + "-" + maximum);
    }

    boolean isFixed() {
        return minimum == maximum;
    }

    /** For the report's parameters: {@code 2 measured repetitions per runtime}, and the budget if any. */
    String describe() {
        return isFixed()
                ? minimum + " measured repetitions per runtime"
                : "at least " + minimum + " measured repetitions per runtime, more (up to " + maximum
                        + ") while the scenario's repetitions so far took under " + budget.toSeconds() + " s";
    }
}
