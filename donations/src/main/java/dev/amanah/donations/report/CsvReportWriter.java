package dev.amanah.donations.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes a report as CSV, ONE FILE PER SECTION ({@code <month>-<scope>-<section>.csv}), because
 * each section has its own columns and a file per table opens directly in a spreadsheet. Each
 * file is RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break, UTF-8 without a byte-order mark. Each file is written to a temporary name and moved
 * into place, so a reader never sees half a file. Stateless.
 */
public final class CsvReportWriter {
    private CsvReportWriter() {
    }

    /**
     * Writes every table of {@code report} into {@code directory} (created if missing).
     *
     * @return the files written, in section order
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> write(MonthlyReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            var written = new ArrayList<Path>();
            for (var table : ReportTables.of(report)) {
                var file = directory.resolve(report.month() + "-" + report.scope().slug() + "-" + table.name() + ".csv");
                var temporary = directory.resolve(file.getFileName() + ".part");
                try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                     var printer = CSVFormat.RFC4180.builder().setHeader(table.headers().toArray(String[]::new)).get().print(out)) {
                    for (var row : table.rows()) {
                        printer.printRecord(row);
                    }
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV report into " + directory, e);
        }
    }
}
