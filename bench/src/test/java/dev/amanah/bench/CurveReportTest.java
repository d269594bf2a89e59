package dev.amanah.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scaling curves: points, speed ratios, the report's table and the PNG. */
class CurveReportTest {
    private static final Scenario SCENARIO = new Scenario("ring", "test", Map.of(Contender.AMANAH, scale -> List.of()));

    private static Results results(String label, Metric.Unit unit, double amanah, double floor, double beam) {
        var metric = new Metric(label, unit);
        var results = new Results(SCENARIO);
        results.add(Contender.AMANAH, List.of(new Sample(metric, amanah)));
        results.add(Contender.FLOOR_MPSC, List.of(new Sample(metric, floor)));
        results.add(Contender.BEAM, List.of(new Sample(metric, beam)));
        return results;
    }

    private static CurveResults curve() {
        var curve = new CurveResults(new Curve("ring", "ring: N processes (msgs/s)", SCENARIO, List.of(1_000, 10_000)));
        curve.add(1_000, results("ring: 1,000 processes × 1,000 rounds (msgs/s)", Metric.Unit.PER_SECOND, 2e6, 4e6, 1e6));
        curve.add(10_000, results("ring: 10,000 processes × 100 rounds (msgs/s)", Metric.Unit.PER_SECOND, 1e6, 1e6, 2e6));
        return curve;
    }

    @Test
    void speedRatiosSayAboveOneWhenAmanahIsFasterWhateverTheUnit() {
        var rate = new CurveResults.Point(1, results("r", Metric.Unit.PER_SECOND, 2e6, 4e6, 1e6));
        var time = new CurveResults.Point(1, results("t", Metric.Unit.MILLIS, 200, 100, 400));

        assertThat(rate.speedRatio(Contender.FLOOR_MPSC)).isEqualTo(0.5);
        assertThat(rate.speedRatio(Contender.BEAM)).isEqualTo(2.0);
        assertThat(time.speedRatio(Contender.FLOOR_MPSC)).isEqualTo(0.5);
        assertThat(time.speedRatio(Contender.BEAM)).isEqualTo(2.0);
    }

    @Test
    void theReportHasAPlotLinkAndOneRowPerPoint() {
        var section = Report.curves(List.of(curve()), 3);

        assertThat(section).contains("![ring](curve-ring.png)")
                .contains("| 1,000 | ring: 1,000 processes × 1,000 rounds (msgs/s) | /s | 2.00M | 4.00M | 1.00M | 0.50× | 2.00× |")
                .contains("| 10,000 | ring: 10,000 processes × 100 rounds (msgs/s) | /s | 1.00M | 1.00M | 2.00M | 1.00× | 0.50× |");
        assertThat(Report.curves(List.of(), 3)).isEmpty();
    }

    @Test
    void ratesKeepThreeSignificantDigits() {
        assertThat(Report.format(950, Metric.Unit.PER_SECOND)).isEqualTo("950");
        assertThat(Report.format(1_049, Metric.Unit.PER_SECOND)).isEqualTo("1.05k");
        assertThat(Report.format(45_320, Metric.Unit.PER_SECOND)).isEqualTo("45.3k");
        assertThat(Report.format(902_400, Metric.Unit.PER_SECOND)).isEqualTo("902k");
        assertThat(Report.format(1_350_000, Metric.Unit.PER_SECOND)).isEqualTo("1.35M");
    }

    @Test
    void theRunTimeAddsTheScenariosAndEveryPointOfEachCurve() {
        var scenario = results("r", Metric.Unit.PER_SECOND, 1, 1, 1);
        scenario.elapsed(Duration.ofSeconds(42));
        var curve = curve();
        curve.points().get(0).results().elapsed(Duration.ofSeconds(50));
        curve.points().get(1).results().elapsed(Duration.ofSeconds(70));

        assertThat(Report.runTime(List.of(scenario), List.of(curve))).isEqualTo("2 min 42 s (ring 42 s, curve ring 2 min 0 s)");
    }

    @Test
    void writesOnePngPerCurve(@TempDir Path directory) throws Exception {
        var file = CurvePlot.write(curve(), directory);

        assertThat(file).isEqualTo(directory.resolve("curve-ring.png"));
        var bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(1_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void aPointSetsTheMainCountAndQuickDividesTheCurve() {
        assertThat(Scale.point(100_000).isPoint()).isTrue();
        assertThat(Scale.point(100_000).point()).isEqualTo(100_000);
        assertThat(Scale.QUICK.isPoint()).isFalse();
        assertThatThrownBy(() -> Scale.point(0)).isInstanceOf(IllegalArgumentException.class);
        var curve = new Curve("x", "x", SCENARIO, List.of(1, 10, 1_000));
        assertThat(curve.points(Scale.QUICK)).containsExactly(1, 100);
        assertThat(curve.points(Scale.FULL)).containsExactly(1, 10, 1_000);
    }

    @Test
    void aPointWhereNothingRanIsLeftOut() {
        var curve = new CurveResults(new Curve("x", "x", SCENARIO, List.of(1)));
        curve.add(1, new Results(SCENARIO));

        assertThat(curve.points()).isEmpty();
    }
}
