package dev.amanah.donations.report;

import dev.amanah.finance.money.Money;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link MonthlyReport} into its tables, in the order they are printed. Stateless. */
public final class ReportTables {
    private ReportTables() {
    }

    /** The report's tables: totals, donors, refunds, distributions, payables, ledger trial balance, ledger balances, and (organisation) reporting total. */
    public static List<ReportTable> of(MonthlyReport report) {
        var tables = new ArrayList<ReportTable>();
        tables.add(new ReportTable("totals", "Donations by fund and currency",
                List.of("Fund", "Currency", "Donations", "Gross", "Refunds requested", "Refunds voided", "Net"),
                List.of(false, false, true, true, true, true, true),
                report.totals().lines().stream().map(l -> List.of(l.fund().name(), l.currency().getCurrencyCode(),
                        Long.toString(l.donations()), amount(l.gross()), amount(l.refunded()), amount(l.voided()),
                        amount(l.net()))).toList(),
                // Requested, not posted: a refund leaves the campaign's account when it is asked for, so
                // only this keeps net equal to what the campaigns' accounts gained in the month.
                List.of("Donations count in the month their ledger transaction was posted. Refunds requested: every "
                        + "refund asked for in the month, whether posted, pending or voided since (taken from the campaign "
                        + "then; the refunds table below splits them by status). Refunds voided: refunds of this month or "
                        + "before that the gateway refused in the month, given back to the campaign then. Net = gross - "
                        + "refunds requested + refunds voided. Currencies are never added together.")));
        var donors = report.donors();
        tables.add(new ReportTable("donors", "Donors", List.of("Measure", "Value"), List.of(false, true), List.of(
                List.of("Distinct donors", Long.toString(donors.donors())),
                List.of("New donors", Long.toString(donors.newDonors())),
                List.of("Returning donors", Long.toString(donors.returning())),
                List.of("Donations", Long.toString(donors.donations()))),
                List.of("A returning donor gave before this month" + (report.scope().campaignId().isPresent()
                        ? " to this campaign." : " to any campaign."))));
        tables.add(new ReportTable("refunds", "Refunds requested in the month", List.of("Status", "Currency", "Refunds", "Total"),
                List.of(false, false, true, true),
                report.refunds().lines().stream().map(l -> List.of(l.status().name(), l.total().currency().getCurrencyCode(),
                        Long.toString(l.count()), amount(l.total()))).toList(),
                List.of("Each refund's status " + (report.inProgress() ? "as of " + report.asOf() : "at the month's end")
                        + ": one posted or voided later is PENDING here.")));
        tables.add(new ReportTable("distributions", "Distributions", List.of("Group", "Status", "Currency", "Payouts", "Total"),
                List.of(false, false, false, true, true),
                report.distributions().lines().stream().map(l -> List.of(l.group(), l.status().name(),
                        l.total().currency().getCurrencyCode(), Long.toString(l.count()), amount(l.total()))).toList(),
                List.of(report.distributions().note())));
        tables.add(new ReportTable("payables", "Owed to recipients: the month's movement",
                List.of("Currency", "Owed at start", "Moved in", "Paid", "Cancelled", "Owed at end"),
                List.of(false, true, true, true, true, true),
                report.distributions().payables().stream().map(l -> List.of(l.currency().getCurrencyCode(),
                        amount(l.owedAtStart()), amount(l.movedIn()), amount(l.paid()), amount(l.cancelled()),
                        amount(l.owedAtEnd()))).toList(),
                List.of("What payouts owed recipients: moved in when a plan's funding took it from the campaign, paid out, "
                        + "or cancelled back to the campaign in the month. Owed at end = owed at start + moved in - paid - "
                        + "cancelled: the PENDING and DECLINED payouts above, what the recipients' payables hold for them.")));
        tables.add(new ReportTable("ledger-trial", "Ledger trial balance " + report.standing(),
                List.of("Currency", "Debits", "Credits", "Difference", "Status"), List.of(false, true, true, true, false),
                report.ledger().trial().stream().map(t -> List.of(t.debits().currency().getCurrencyCode(), amount(t.debits()),
                        amount(t.credits()), amount(t.difference()), t.balanced() ? "BALANCED" : "UNBALANCED")).toList(),
                List.of("Double entry: in every currency all debits must equal all credits.")));
        tables.add(new ReportTable("ledger-balances", report.scope().campaignId().isPresent()
                ? "The campaign's ledger account " + report.standing() : "Ledger balances " + report.standing(),
                List.of("Account type", "Account", "Currency", "Balance"), List.of(false, false, false, true),
                report.ledger().balances().stream().map(b -> List.of(b.account().type().name(), b.account().id(),
                        b.balance().currency().getCurrencyCode(), amount(b.balance()))).toList(),
                List.of("Balances are debits minus credits: a fund or campaign holding money shows a negative (credit) balance.")));
        report.reportingTotal().ifPresent(total -> {
            var code = total.total().currency().getCurrencyCode();
            var rows = new ArrayList<List<String>>();
            rows.add(List.of(code, amount(total.unconverted()), "1", "(reporting currency)", "", amount(total.unconverted())));
            for (var c : total.conversions()) {
                rows.add(List.of(c.from().currency().getCurrencyCode(), amount(c.from()), c.rate().rate().toPlainString(),
                        c.rate().source(), c.exact().toPlainString(), amount(c.result())));
            }
            rows.add(List.of("TOTAL", "", "", "", "", amount(total.total())));
            tables.add(new ReportTable("reporting-total", "Net donations in " + code,
                    List.of("Currency", "Net", "Rate", "Rate source and date", "Exact product", "In " + code),
                    List.of(false, true, true, false, true, true), rows,
                    List.of("Each currency's net total is multiplied by its rate exactly and rounded once, half even, to "
                            + code + "; cross rates through the euro are rounded to 20 significant digits, half even.")));
        });
        return tables;
    }

    /** The exact decimal at the currency's scale, e.g. {@code 1250.00}. */
    static String amount(Money money) {
        return money.amount().toPlainString();
    }
}
