package dev.amanah.donations.report;

import java.time.YearMonth;

/**
 * Where a report's sections come from, one call per section; {@link DatabaseReportSource} reads
 * them from the store. Every method may block and may be called concurrently from different
 * processes, so implementations must be thread-safe.
 */
public interface ReportSource {

    /** Donations recorded in the month by fund and currency, with the refunds requested and voided in it. */
    Section.Totals totals(ReportScope scope, YearMonth month);

    /** Donors of the month, new and returning. */
    Section.Donors donors(ReportScope scope, YearMonth month);

    /** Refunds requested in the month, each with its status at the month's end. */
    Section.Refunds refunds(ReportScope scope, YearMonth month);

    /**
     * Distribution payouts of the month, each with its status at the month's end: paid or cancelled
     * in it (by their ledger transaction), or still owed at its end whenever their plan's funding
     * was posted ({@code DECLINED} if declined and not reissued by then, else {@code PENDING}); and
     * per currency what payouts owed recipients at the month's start and end and what moved in
     * between ({@link Section.PayableLine}).
     */
    Section.Distributions distributions(ReportScope scope, YearMonth month);

    /** The ledger at the end of the month. */
    Section.Ledger ledger(ReportScope scope, YearMonth month);

    /** A display name for the scope: the campaign's name, or the organisation's. */
    String title(ReportScope scope);
}
