package dev.amanah.donations.importer;

import dev.amanah.finance.money.Money;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an import did.
 *
 * @param rows            data rows read
 * @param imported        donations created and booked in the ledger now
 * @param alreadyImported rows whose reference had been imported before (with the same content): nothing written for them
 * @param importedTotals  the sum imported now, one amount per currency (never added across currencies)
 * @param skipped         the problems of the bad rows left out ({@code --skip-bad}), every one; empty otherwise
 * @param skippedReport   the file listing them, when there were any
 */
public record ImportResult(long rows, long imported, long alreadyImported, List<Money> importedTotals,
                           List<RowProblem> skipped, Optional<Path> skippedReport) {
    public ImportResult {
        importedTotals = List.copyOf(importedTotals);
        skipped = List.copyOf(skipped);
    }

    /** The bad rows left out: a row with several problems is one row. */
    public long skippedRows() {
        return Counts.lines(skipped);
    }

    /**
     * What the import did, in one line: {@code 1 row; imported 1 (25.00 GBP); already imported 0;
     * skipped 0}, with {@code skipped 1 row with 2 problems (listed in PATH)} when rows were left out.
     */
    public String summary() {
        var totals = importedTotals.isEmpty() ? ""
                : " (" + importedTotals.stream().map(Money::toString).collect(Collectors.joining(", ")) + ")";
        var left = skipped.isEmpty() ? "0" : Counts.of(skippedRows(), "row") + " with " + Counts.of(skipped.size(), "problem")
                + skippedReport.map(p -> " (listed in " + p + ")").orElse("");
        return Counts.of(rows, "row") + "; imported " + imported + totals + "; already imported " + alreadyImported + "; skipped " + left;
    }
}
