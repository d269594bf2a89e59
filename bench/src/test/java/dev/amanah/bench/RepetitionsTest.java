package dev.amanah.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The measured repetitions: a minimum, then more within a budget of wall time, up to a maximum. */
class RepetitionsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Metric RATE = new Metric("rate", Metric.Unit.PER_SECOND);

    @Test
    void theMinimumRunsWhateverItCosts() {
        var repetitions = new Repetitions(2, 7, Duration.ofSeconds(3));
        assertThat(repetitions.another(0, 0)).isTrue();
        assertThat(repetitions.another(1, 60 * SECOND)).isTrue();
    }

    @Test
    void moreRunWhileTheBudgetLastsUpToTheMaximum() {
        var repetitions = new Repetitions(2, 7, Duration.ofSeconds(3));
        assertThat(repetitions.another(2, 2 * SECOND)).isTrue();
        assertThat(repetitions.another(2, 3 * SECOND)).isFalse();
        assertThat(repetitions.another(6, 0)).isTrue();
        assertThat(repetitions.another(7, 0)).isFalse();
    }

    @Test
    void exactlyNeverAddsOne() {
        var repetitions = Repetitions.exactly(5);
        assertThat(repetitions.another(4, 0)).isTrue();
        assertThat(repetitions.another(5, 0)).isFalse();
        assertThat(repetitions.describe()).isEqualTo("5 measured repetitions per runtime");
        assertThat(repetitions.label(3)).isEqualTo("run 3/5");
    }

    @Test
    void theAllBudgetIsDescribedAndLabelled() {
        var repetitions = Repetitions.budgeted(2);
        assertThat(repetitions.describe()).isEqualTo("at least 2 measured repetitions per runtime, more (up to 7)"
                + " while the scenario's repetitions so far took under 3 s");
        assertThat(repetitions.label(4)).isEqualTo("run 4/2-7");
        assertThat(Repetitions.budgeted(9).maximum()).isEqualTo(9);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new Repetitions(0, 1, Duration.ZERO)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Repetitions(3, 2, Duration.ZERO)).hasMessageContaining("below minimum");
        assertThatThrownBy(() -> new Repetitions(1, 2, Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }

    @Test
    void theRunnerRunsAsManyAsTheBudgetAllowsAndTheReportSaysHowMany() throws Exception {
        // A budget no run can exhaust gives the maximum; a zero budget the minimum.
        var cheap = runs(new Repetitions(2, 5, Duration.ofHours(1)));
        var bounded = runs(new Repetitions(2, 5, Duration.ZERO));

        assertThat(cheap.results.repetitions()).isEqualTo(5);
        assertThat(cheap.workloadRuns.get()).isEqualTo(1 + 5); // one warm-up, then the repetitions
        assertThat(cheap.results.values(RATE, Contender.AMANAH)).hasSize(5);
        assertThat(bounded.results.repetitions()).isEqualTo(2);
        assertThat(bounded.workloadRuns.get()).isEqualTo(1 + 2);

        var machine = new Machine("cpu", 2, 4L << 30, "os", "jdk", "flags", "1.1", "abc1234");
        var report = Report.document(List.of(cheap.results), cheap.runner, machine, ZonedDateTime.now());
        assertThat(report).contains("at least 2 measured repetitions per runtime, more (up to 5)")
                .contains("(budgeted 5)");
    }

    private record Measured(Runner runner, Results results, AtomicInteger workloadRuns) {
    }

    private static Measured runs(Repetitions repetitions) throws Exception {
        var count = new AtomicInteger();
        var workloads = new EnumMap<Contender, Workload>(Map.of(Contender.AMANAH, scale -> {
            count.incrementAndGet();
            return List.of(new Sample(RATE, 1.0));
        }));
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        var runner = new Runner(Scale.FULL, repetitions, 1, WarmUp.of(Duration.ZERO, false),
                EnumSet.of(Contender.AMANAH), quiet);
        var results = runner.run(List.of(new Scenario("budgeted", "test", workloads))).getFirst();
        return new Measured(runner, results, count);
    }
}
