package dev.amanah.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up policy: a time budget per scenario and runtime, sizes, the cap, the account. */
class WarmUpTest {
    private static final long MS = 1_000_000L;

    /** A fake warm-up run that records the sizes asked for and takes {@code fullNanos} at full size, a tenth at a tenth. */
    private static final class Runs implements WarmUp.Run {
        final List<Scale> sizes = new ArrayList<>();
        final long fullNanos;

        Runs(long fullNanos) {
            this.fullNanos = fullNanos;
        }

        @Override
        public long at(Scale size) {
            sizes.add(size);
            return size.equals(Scale.FULL) ? fullNanos : fullNanos / 10;
        }
    }

    @Test
    void aCheapScenarioWarmsUpAtFullSizeUntilTheBudgetIsSpent() throws Exception {
        var warmUp = WarmUp.of(Duration.ofSeconds(1), true);
        var runs = new Runs(100 * MS);
        int count = warmUp.warm("task_await", Contender.AMANAH, Scale.FULL, runs);
        // 10 ms at a tenth, then full-size runs of 100 ms until 1 s is reached: 10 ms + 10 × 100 ms.
        assertThat(count).isEqualTo(11);
        assertThat(runs.sizes.get(0)).isEqualTo(WarmUp.tenth(Scale.FULL));
        assertThat(runs.sizes.subList(1, count)).containsOnly(Scale.FULL);
    }

    @Test
    void anExpensiveScenarioStaysAtATenthAndARunOverTheBudgetIsTheOnlyOne() throws Exception {
        var warmUp = WarmUp.of(Duration.ofSeconds(1), true);
        // A full run would take 6 s (over a third of the budget): the tenths go on, 600 ms each.
        var runs = new Runs(6_000 * MS);
        assertThat(warmUp.warm("ring", Contender.AMANAH, Scale.FULL, runs)).isEqualTo(2);
        assertThat(runs.sizes).containsOnly(WarmUp.tenth(Scale.FULL));

        var full = WarmUp.of(Duration.ofSeconds(1), false);
        var fullRuns = new Runs(6_000 * MS);
        assertThat(full.warm("ring", Contender.AMANAH, Scale.FULL, fullRuns)).isEqualTo(1);
        assertThat(fullRuns.sizes).containsExactly(Scale.FULL);
    }

    @Test
    void instantRunsStopAtTheCap() throws Exception {
        var warmUp = WarmUp.of(Duration.ofSeconds(1), false);
        assertThat(warmUp.warm("cast", Contender.FLOOR_MPSC, Scale.FULL, new Runs(0))).isEqualTo(WarmUp.MAX_RUNS);
    }

    @Test
    void theBudgetIsCountedPerScenarioAndRuntimeAcrossSizes() throws Exception {
        var warmUp = WarmUp.of(Duration.ofSeconds(1), false);
        assertThat(warmUp.warm("ring", Contender.AMANAH, Scale.FULL, new Runs(400 * MS))).isEqualTo(3);
        // A curve point of the same scenario: the budget is spent, one run at its own size.
        var point = new Runs(400 * MS);
        assertThat(warmUp.warm("ring", Contender.AMANAH, Scale.point(1_000), point)).isEqualTo(1);
        assertThat(point.sizes).containsExactly(Scale.point(1_000));
        // Another runtime, or another scenario, has its own budget.
        assertThat(warmUp.warm("ring", Contender.FLOOR_MPSC, Scale.FULL, new Runs(400 * MS))).isEqualTo(3);
        assertThat(warmUp.warm("spawn", Contender.AMANAH, Scale.FULL, new Runs(400 * MS))).isEqualTo(3);
    }

    @Test
    void theBeamWarmsUpAtATenthWhenTheJvmsFirstWarmUpIsShort() {
        assertThat(WarmUp.of(Duration.ofSeconds(1), true).beamWarmUpDivisor()).isEqualTo(10);
        assertThat(WarmUp.of(Duration.ofSeconds(1), false).beamWarmUpDivisor()).isEqualTo(1);
    }
}
