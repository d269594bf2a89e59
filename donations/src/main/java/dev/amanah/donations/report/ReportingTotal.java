package dev.amanah.donations.report;

import dev.amanah.finance.money.Conversion;
import dev.amanah.finance.money.Money;
import java.util.List;

/**
 * The organisation's net donations of the month in one reporting currency: each currency's net
 * total converted with its dated rate (rounded once, half even, to the reporting currency's
 * scale), then added.
 *
 * @param unconverted the net total already in the reporting currency (zero if none)
 * @param conversions one per other currency, each with its rate, source, date and exact product
 * @param total       {@code unconverted} plus every conversion's result
 */
public record ReportingTotal(Money unconverted, List<Conversion> conversions, Money total) {
    public ReportingTotal {
        conversions = List.copyOf(conversions);
    }
}
