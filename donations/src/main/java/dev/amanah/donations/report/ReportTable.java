package dev.amanah.donations.report;

import java.util.List;
import java.util.Objects;

/**
 * One section as a table of text, the form both the CSV and the PDF are written from: so the two
 * outputs always show the same figures. Amounts are exact decimal strings at their currency's
 * scale.
 *
 * @param name    a stable machine name, used in CSV file names ({@code totals}, {@code ledger-trial}, ...)
 * @param title   the heading shown in the PDF
 * @param headers the column names
 * @param numeric per column, whether it holds numbers (right-aligned in the PDF)
 * @param rows    the rows, each as long as {@code headers}
 * @param notes   sentences printed under the table in the PDF (empty for none)
 */
public record ReportTable(String name, String title, List<String> headers, List<Boolean> numeric, List<List<String>> rows,
                          List<String> notes) {

    /** @throws IllegalArgumentException if a row or {@code numeric} does not match the headers */
    public ReportTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        headers = List.copyOf(headers);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        if (numeric.size() != headers.size()) {
            throw new IllegalArgumentException("table " + name + ": numeric flags do not match the headers");
        }
        for (var row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("table " + name + ": row " + row + " does not match the headers " + headers);
            }
        }
    }
}
