package dev.amanah.donations.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's chart: net donations by fund, one bar series per currency (currencies are never
 * stacked or added, each keeps its own bars). Drawn with XChart into an image at twice the size it
 * is shown, so it stays sharp when printed. Stateless.
 */
final class DonationsChart {
    static final Color[] PALETTE = {new Color(0x1B5E3B), new Color(0xC9A227), new Color(0x2F6DB5), new Color(0x8E3B46),
            new Color(0x5B8C85), new Color(0x7A6C5D)};

    private DonationsChart() {
    }

    /** The chart as an image, or empty when the month has no donations to draw. */
    static Optional<BufferedImage> render(Section.Totals totals, int width, int height) {
        if (totals.lines().isEmpty()) {
            return Optional.empty();
        }
        var funds = new TreeSet<String>();
        var byCurrency = new LinkedHashMap<String, LinkedHashMap<String, java.math.BigDecimal>>();
        for (var line : totals.lines()) {
            funds.add(line.fund().name());
        }
        for (var line : totals.lines()) {
            var series = byCurrency.computeIfAbsent(line.currency().getCurrencyCode(), c -> {
                var zeros = new LinkedHashMap<String, java.math.BigDecimal>();
                funds.forEach(f -> zeros.put(f, java.math.BigDecimal.ZERO));
                return zeros;
            });
            series.put(line.fund().name(), line.net().amount());
        }
        var chart = new CategoryChartBuilder().width(width).height(height).title("Net donations by fund")
                .yAxisTitle("Net amount (each currency in its own units)").build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setSeriesColors(PALETTE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        styler.setYAxisDecimalPattern("#,##0");
        styler.setAvailableSpaceFill(0.7);
        styler.setLabelsVisible(true);
        styler.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        styler.setChartPadding(16);
        for (var series : byCurrency.entrySet()) {
            // XChart takes any Number; the exact BigDecimal goes in, XChart converts only to place pixels.
            chart.addSeries(series.getKey(), new ArrayList<>(funds), List.copyOf(series.getValue().values()));
        }
        return Optional.of(BitmapEncoder.getBufferedImage(chart));
    }
}
