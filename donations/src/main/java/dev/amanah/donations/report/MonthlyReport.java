package dev.amanah.donations.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A complete monthly report: every section, never a partial one (the generator fails instead).
 *
 * @param scope          the organisation or one campaign
 * @param title          the scope's display name
 * @param month          the month reported
 * @param generatedAt    when it was generated
 * @param totals         donations by fund and currency
 * @param donors         donors, new and returning
 * @param refunds        refunds by status
 * @param distributions  payouts of distribution plans
 * @param ledger         balances and the per-currency trial balance at the month's end
 * @param reportingTotal the organisation's total in the reporting currency (organisation reports only)
 */
public record MonthlyReport(ReportScope scope, String title, YearMonth month, Instant generatedAt, Section.Totals totals,
                            Section.Donors donors, Section.Refunds refunds, Section.Distributions distributions,
                            Section.Ledger ledger, Optional<ReportingTotal> reportingTotal) {
}
