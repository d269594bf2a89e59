package dev.amanah.bench;

import java.util.List;

/**
 * A scaling curve: one scenario run at several sizes N (its main count: processes, subscribers)
 * on Amanah, the floor (VT+MPSC) and the BEAM, plotted as Amanah's speed relative to each, N on
 * a log axis.
 *
 * @param name     the curve's name, also its PNG's ({@code curve-<name>.png})
 * @param title    what N is and what is measured, for the plot and the report
 * @param scenario the scenario, whose workloads honour {@link Scale#point(int)}
 * @param points   the sizes N, ascending
 */
public record Curve(String name, String title, Scenario scenario, List<Integer> points) {

    /** Copies the points. */
    public Curve {
        points = List.copyOf(points);
    }

    /** The points at a scale: divided by its divisor for {@code --quick} (never below 1). */
    List<Integer> points(Scale scale) {
        return points.stream().map(scale::count).distinct().toList();
    }
}
