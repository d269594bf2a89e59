package dev.amanah.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a curve as a PNG with XChart: N on a log axis, Amanah's speed relative to the floor and to
 * the BEAM on one log axis (above 1: Amanah is faster), and a line at 1. Headless: needs no display.
 */
final class CurvePlot {
    private static final List<Contender> BASES = List.of(Contender.FLOOR_MPSC, Contender.BEAM);

    private CurvePlot() {
    }

    /** Writes {@code curve-<name>.png} into {@code directory}; returns its path. */
    static Path write(CurveResults results, Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        var chart = new XYChartBuilder().width(800).height(500)
                .title(results.curve().title())
                .xAxisTitle("N (log scale)")
                .yAxisTitle("Amanah's speed relative to it (above 1: Amanah faster)")
                .build();
        chart.getStyler().setXAxisLogarithmic(true);
        // Ratios: 0.5 and 2 are equally far from parity.
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        var ns = results.points().stream().map(point -> (double) point.n()).toList();
        for (var base : BASES) {
            var xs = new ArrayList<Double>();
            var ys = new ArrayList<Double>();
            for (var point : results.points()) {
                double ratio = point.speedRatio(base);
                if (!Double.isNaN(ratio) && !Double.isInfinite(ratio)) {
                    xs.add((double) point.n());
                    ys.add(ratio);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries("Amanah ÷ " + base.label(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (!ns.isEmpty()) {
            var parity = chart.addSeries("parity (1)", List.of(ns.getFirst(), ns.getLast()), List.of(1.0, 1.0));
            parity.setMarker(SeriesMarkers.NONE);
            parity.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        var file = directory.resolve("curve-" + results.curve().name() + ".png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
