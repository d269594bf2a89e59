package dev.amanah.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ratios pair the runtimes' values of one repetition; repetitions run the runtimes in turn forwards and backwards. */
class PairedRatioTest {
    private static final Metric RATE = new Metric("calls (calls/s)", Metric.Unit.PER_SECOND);
    private static final Scenario SCENARIO = new Scenario("call", "test", Map.of(Contender.AMANAH, scale -> List.of()));

    private static Results results(Map<Contender, List<Double>> values) {
        var results = new Results(SCENARIO);
        values.forEach((contender, list) -> list.forEach(value ->
                results.add(contender, List.of(new Sample(RATE, value)))));
        return results;
    }

    @Test
    void aRatioIsTheMedianOfTheRepetitionsRatiosNotTheRatioOfTheMedians() {
        // The host sped up threefold between Amanah's second run and Pekko's (5 December 2026).
        var results = results(Map.of(
                Contender.AMANAH, List.of(1.05e6, 1.06e6, 3.05e6),
                Contender.PEKKO, List.of(0.885e6, 2.67e6, 2.77e6)));

        assertThat(results.ratio(RATE, Contender.PEKKO)).isCloseTo(3.05 / 2.77, within(1e-9));
        assertThat(results.median(RATE, Contender.AMANAH) / results.median(RATE, Contender.PEKKO))
                .isCloseTo(1.06 / 2.67, within(1e-9));
    }

    @Test
    void theBeamRunsApartSoItsRatioIsTheRatioOfTheMedians() {
        // Paired, these would read 1/3, 2 and 1.5: a median of 1.5.
        var results = results(Map.of(
                Contender.AMANAH, List.of(1.0, 2.0, 3.0),
                Contender.BEAM, List.of(3.0, 1.0, 2.0)));

        assertThat(results.ratio(RATE, Contender.BEAM)).isEqualTo(1.0);
    }

    @Test
    void unequalCountsFallBackToTheRatioOfTheMediansAndAMissingRuntimeGivesNaN() {
        var results = results(Map.of(
                Contender.AMANAH, List.of(2.0, 4.0, 6.0),
                Contender.FLOOR_MPSC, List.of(1.0, 2.0)));

        assertThat(results.ratio(RATE, Contender.FLOOR_MPSC)).isCloseTo(4.0 / 1.5, within(1e-9));
        assertThat(results.ratio(RATE, Contender.PEKKO)).isNaN();
    }

    @Test
    void theTableShowsThePairedRatio() {
        var results = results(Map.of(
                Contender.AMANAH, List.of(1.05e6, 1.06e6, 3.05e6),
                Contender.PEKKO, List.of(0.885e6, 2.67e6, 2.77e6)));

        assertThat(Report.table(List.of(results))).contains("| 1.06M | — | — | 2.67M | — | — | — | 1.10× | — |");
    }

    @Test
    void repetitionsRunTheRuntimesForwardsThenBackwards() throws Exception {
        var order = new ArrayList<Contender>();
        var workloads = new EnumMap<Contender, Workload>(Contender.class);
        for (var contender : List.of(Contender.AMANAH, Contender.FLOOR_MPSC, Contender.PEKKO)) {
            workloads.put(contender, scale -> {
                order.add(contender);
                return List.of(new Sample(RATE, 1.0));
            });
        }
        var quiet = new PrintStream(OutputStream.nullOutputStream());
        var runner = new Runner(Scale.FULL, Repetitions.exactly(3), 1, WarmUp.of(Duration.ZERO, false),
                EnumSet.of(Contender.AMANAH, Contender.FLOOR_MPSC, Contender.PEKKO), quiet);

        runner.run(List.of(new Scenario("order", "test", workloads)));

        var measured = order.subList(3, order.size()); // after one warm-up run each
        assertThat(measured).containsExactly(
                Contender.AMANAH, Contender.FLOOR_MPSC, Contender.PEKKO,
                Contender.PEKKO, Contender.FLOOR_MPSC, Contender.AMANAH,
                Contender.AMANAH, Contender.FLOOR_MPSC, Contender.PEKKO);
    }
}
