package dev.amanah.donations.cli;

import dev.amanah.donations.importer.DonationImporter;
import dev.amanah.donations.importer.DonationsCsv;
import dev.amanah.donations.importer.EmptyFileException;
import dev.amanah.donations.importer.ImportRefusedException;
import dev.amanah.donations.importer.NotUtf8Exception;
import dev.amanah.donations.importer.Progress;
import dev.amanah.donations.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code amanah import FILE [--skip-bad]}: donations from a CSV file into the configured
 * database ({@link DonationImporter}): every row checked first, then all in one transaction or
 * nothing; a progress bar per phase on standard error when it is a terminal ({@link Terminal};
 * in a file or a pipe only the problems go there); a one-line summary on standard output. Exit
 * codes: 0 imported (or nothing new), 2 bad rows without {@code --skip-bad} (every problem printed
 * with its line and column; nothing imported), a file with no header ({@code EMPTY_FILE}) or one
 * that is not UTF-8 text ({@code NOT_UTF8}, naming the first byte that is not), with
 * {@code --skip-bad} too, 1 the database refused.
 */
@Command(name = "import", description = "Import donations from a CSV file: every row is checked first, then all are "
        + "imported in one transaction, or none.")
final class ImportCommand implements Callable<Integer> {
    private static final String COLUMNS = "Columns: " + String.join(",", DonationsCsv.REQUIRED) + " (required), "
            + String.join(",", DonationsCsv.OPTIONAL) + " (optional).";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "FILE", description = "The CSV file: header reference,received_at,campaign_id,amount,currency,"
            + "donor_id (required) and donor_name,donor_email,fund_type (optional). A received_at without a time"
            + " (2026-11-03) is that day in receipts.zone.")
    Path file;

    @Option(names = "--skip-bad", description = "Import the good rows and list the bad ones beside FILE, in its name with .skipped.csv for .csv.")
    boolean skipBad;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
    Path config;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final BooleanSupplier terminal;

    /** @param terminal whether standard error is a terminal, where a progress bar may be drawn ({@link Terminal}) */
    ImportCommand(Clock clock, BooleanSupplier terminal) {
        this.clock = clock;
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        InputException.file("FILE", file);
        if (!Files.isReadable(file)) {
            err.println("amanah import: UNREADABLE_FILE " + file + ": no such file, or not readable");
            return Amanah.BAD_INPUT;
        }
        if (Files.isDirectory(file)) {
            // read as lines, a directory fails deep in the reader with an UncheckedIOException
            err.println("amanah import: UNREADABLE_FILE " + file + ": a directory, not a CSV file");
            return Amanah.BAD_INPUT;
        }
        var progress = terminal.getAsBoolean() ? Progress.terminal(err) : Progress.NONE;
        var settings = ConfiguredStore.config(config);
        try (var store = ConfiguredStore.open(settings)) {
            var result = new DonationImporter(store, settings.donations().maxAmount(),
                    clock.withZone(settings.receipts().zone()), progress).run(file, skipBad);
            out.println("amanah import: " + file + ": " + result.summary());
            out.flush();
            return 0;
        } catch (EmptyFileException e) {
            err.println("amanah import: EMPTY_FILE " + file + ": " + e.getMessage());
            err.println(COLUMNS);
            err.flush();
            return Amanah.BAD_INPUT;
        } catch (NotUtf8Exception e) {
            err.println("amanah import: NOT_UTF8 " + file + ": " + e.getMessage() + "; nothing imported");
            err.flush();
            return Amanah.BAD_INPUT;
        } catch (ImportRefusedException e) {
            err.println("amanah import: " + e.getMessage());
            e.problems().forEach(problem -> err.println("  " + problem));
            err.println(COLUMNS + " Fix the rows, or import the good ones with --skip-bad.");
            err.flush();
            return Amanah.BAD_INPUT;
        } catch (StoreException e) {
            err.println("amanah import: " + e.code() + " " + e.getMessage() + "; nothing imported");
            err.flush();
            return 1;
        }
    }
}
