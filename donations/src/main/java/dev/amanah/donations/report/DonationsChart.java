package dev.amanah.donations.report;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.ExchangeRate;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's chart: net donations by fund, one bar series per currency. Drawn with XChart into an image at twice the size it
 * is shown, so it stays sharp when printed. Stateless.
 */
final class DonationsChart {
    static final Color[] PALETTE = {new Color(0x1B5E3B), new Color(0xC9A227), new Color(0x2F6DB5), new Color(0x8E3B46),
            new Color(0x5B8C85), new Color(0x7A6C5D)};

    private DonationsChart() {
    }

    /**
     * The chart as an image, or empty when the month has no donations to draw. With a reporting
     * total (organisation reports), each currency's bars are converted at the report's own rates
     * and stacked, so each fund's bar is its whole net in the reporting currency; otherwise one
     * bar series per currency, side by side (never stacked across currencies).
     */
    static Optional<BufferedImage> render(MonthlyReport report, int width, int height) {
        var totals = report.totals();
        if (totals.lines().isEmpty()) {
            return Optional.empty();
        }
        var funds = new TreeSet<FundType>();
        totals.lines().forEach(line -> funds.add(line.fund()));
        var rates = new HashMap<Currency, ExchangeRate>();
        report.reportingTotal().ifPresent(total -> total.conversions().forEach(c -> rates.put(c.from().currency(), c.rate())));
        var reporting = report.reportingTotal().map(total -> total.total().currency());
        var currencies = totals.lines().stream().map(Section.FundLine::currency).distinct().toList();
        var unit = reporting.or(() -> currencies.size() == 1 ? Optional.of(currencies.getFirst()) : Optional.empty());
        var byCurrency = new LinkedHashMap<String, Map<FundType, BigDecimal>>();
        for (var line : totals.lines()) {
            var net = line.net();
            if (reporting.isPresent() && !net.currency().equals(reporting.get())) {
                net = rates.get(net.currency()).convert(net).result();
            }
            byCurrency.computeIfAbsent(line.currency().getCurrencyCode(), c -> new HashMap<>()).put(line.fund(), net.amount());
        }
        var chart = new CategoryChartBuilder().width(width).height(height)
                .title("Net donations by fund" + unit.map(c -> ", in " + c.getCurrencyCode()).orElse(""))
                .yAxisTitle(unit.map(c -> c.getCurrencyCode() + (reporting.isPresent() && currencies.size() > 1
                        ? " (converted at the rates below)" : "")).orElse("each currency in its own units")).build();
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
        styler.setStacked(reporting.isPresent());
        var categories = funds.stream().map(FundType::name).toList();
        for (var series : byCurrency.entrySet()) {
            // XChart takes any Number: the exact BigDecimal goes in, XChart converts only to place pixels.
            // A fund without this currency has no bar (null), rather than a bar labelled 0.
            var values = new ArrayList<BigDecimal>();
            funds.forEach(f -> values.add(series.getValue().get(f)));
            chart.addSeries(series.getKey(), categories, values);
        }
        return Optional.of(BitmapEncoder.getBufferedImage(chart));
    }
}
