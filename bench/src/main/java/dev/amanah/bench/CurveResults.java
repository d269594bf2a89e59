package dev.amanah.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The measured points of one curve: for each N, the results of the scenario at that size. The
 * curve's figure is the first row the scenario reports (for spawn, the time until all wait).
 * Not thread-safe.
 */
final class CurveResults {
    private final Curve curve;
    private final List<Point> points = new ArrayList<>();

    /** One point: N and the scenario's results there. */
    record Point(int n, Results results) {
        /** The curve's row at this point. */
        Metric metric() {
            return results.metrics().getFirst();
        }

        double median(Contender contender) {
            return results.median(metric(), contender);
        }

        /**
         * Amanah's speed relative to {@code other}: above 1, Amanah is faster (a rate over the
         * other's, or the other's time over Amanah's), paired as {@link Results#ratio} pairs;
         * NaN when either is missing.
         */
        double speedRatio(Contender other) {
            double ratio = results.ratio(metric(), other);
            return metric().unit().higherIsBetter() ? ratio : 1 / ratio;
        }
    }

    CurveResults(Curve curve) {
        this.curve = curve;
    }

    Curve curve() {
        return curve;
    }

    /** Adds the point, unless no runtime ran there (--only excluded all of the curve's). */
    void add(int n, Results results) {
        if (!results.metrics().isEmpty()) {
            points.add(new Point(n, results));
        }
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    /** The wall time of all the points. */
    Duration elapsed() {
        return points.stream().map(point -> point.results().elapsed()).reduce(Duration.ZERO, Duration::plus);
    }
}
