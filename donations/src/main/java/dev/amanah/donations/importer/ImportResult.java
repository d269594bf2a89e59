package dev.amanah.donations.importer;

import dev.amanah.finance.money.Money;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an import did.
 *
 * @param rows            data rows read
 * @param imported        donations created and booked in the ledger now
 * @param alreadyImported rows whose reference had been imported before (with the same content): nothing written for them
 * @param importedTotals  the sum imported now, one amount per currency (never added across currencies)
 * @param skipped         bad rows left out ({@code --skip-bad}); empty otherwise
 * @param skippedReport   the file listing them, when there were any
 */
public record ImportResult(long rows, long imported, long alreadyImported, List<Money> importedTotals,
                           List<RowProblem> skipped, Optional<Path> skippedReport) {
    public ImportResult {
        importedTotals = List.copyOf(importedTotals);
        skipped = List.copyOf(skipped);
    }
}
