package dev.amanah.donations.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A complete monthly report: every section, never a partial one (the generator fails instead).
 *
 * @param scope          the organisation or one campaign
 * @param title          the scope's display name
 * @param month          the month reported
 * @param generatedAt    when it was generated
 * @param asOf           the last day its figures cover: the month's last day, or for a month not yet
 *                       over, the day it was generated (in the zone the months are counted in)
 * @param totals         donations by fund and currency
 * @param donors         donors, new and returning
 * @param refunds        refunds by status
 * @param distributions  payouts of distribution plans
 * @param ledger         balances and the per-currency trial balance as of {@code asOf}
 * @param reportingTotal the organisation's total in the reporting currency (organisation reports only)
 */
public record MonthlyReport(ReportScope scope, String title, YearMonth month, Instant generatedAt, LocalDate asOf,
                            Section.Totals totals, Section.Donors donors, Section.Refunds refunds,
                            Section.Distributions distributions, Section.Ledger ledger, Optional<ReportingTotal> reportingTotal) {
    /** Whether the month was not yet over when the report was generated, so its figures are those so far. */
    public boolean inProgress() {
        return asOf.isBefore(month.atEndOfMonth());
    }

    /**
     * When the balances stand, for the report's wording: {@code at the month's end}, or for a month
     * not yet over {@code so far, as of 2026-12-07}, since its end has not come.
     */
    public String standing() {
        return inProgress() ? "so far, as of " + asOf : "at the month's end";
    }
}
