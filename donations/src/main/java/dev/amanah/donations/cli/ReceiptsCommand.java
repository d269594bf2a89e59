package dev.amanah.donations.cli;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.importer.Progress;
import dev.amanah.donations.receipt.ReceiptIssuer;
import dev.amanah.donations.receipt.Statements;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.donations.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amanah receipts --year 2026}: issues the receipts the year is missing (recorded donations
 * without one: taken while receipts were off, or left by a run that died before its receipt; not
 * those refunded in full meanwhile, which are counted apart), then
 * writes each donor's statement of the year. Receipts already issued are never issued again, and
 * statements list receipts, they issue none; so the command can be run any number of times. Mails
 * of new receipts go to the outbox, which the running service's mailer sweeps (at least every
 * {@code mail.backoffBase}) or the next one delivers at its start.
 *
 * <p>Output: a progress bar per phase on standard error when it is a terminal ({@link Terminal});
 * in a file or a pipe (cron, CI) none, only the donations that could not be receipted; the
 * one-line summary on standard output.
 *
 * <p>Exit codes: 0 done; 2 bad input (year, configuration, receipts switched off); 1 a failure
 * (the database unreachable, a receipt that could not be issued: the others are still issued and
 * each failure is named).
 */
@Command(name = "receipts", description = "Issue the year's missing receipts and write every donor's statement of the year.")
final class ReceiptsCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "The calendar year (in receipts.zone), e.g. 2026.")
    int year;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the statements go (default: receipts.outputDir/statements/YEAR).")
    Path statementsDir;

    @Option(names = "--no-statements", description = "Only issue the missing receipts.")
    boolean noStatements;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final BooleanSupplier terminal;

    /** @param terminal whether standard error is a terminal, where progress bars may be drawn ({@link Terminal}) */
    ReceiptsCommand(Clock clock, BooleanSupplier terminal) {
        this.clock = clock;
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (year < 2000 || year > 2100) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--year", "must be a year from 2000 to 2100, got " + year);
        }
        InputException.directory("--out", statementsDir);
        var config = ConfiguredStore.config(file);
        if (!config.receipts().enabled()) {
            throw new InputException(InputException.Code.INVALID_VALUE, "receipts.enabled",
                    "receipts are switched off in the configuration (set receipts.enabled: true or AMANAH_RECEIPTS_ENABLED=true)");
        }
        if (!noStatements) {
            // Made first: a directory that cannot be is refused before any receipt is issued.
            var directory = statementsDirectory(config);
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw InputException.unwritable(statementsFlag(), directory, e);
            }
        }
        var err = spec.commandLine().getErr();
        try (var store = ConfiguredStore.open(config)) {
            return run(config, store, spec.commandLine().getOut(), err);
        } catch (StoreException e) {
            err.println("amanah receipts: " + e.code() + " " + e.getMessage());
            return 1;
        }
    }

    private int run(AmanahConfig config, Store store, PrintWriter out, PrintWriter err) {
        var zone = config.receipts().zone();
        var from = LocalDate.of(year, 1, 1);
        var to = LocalDate.of(year, 12, 31);
        var receipts = new ReceiptStore(store.database(), clock, store.donations());
        var issuer = new ReceiptIssuer(store.database(), store.donations(), store.campaigns(), receipts,
                new MailOutboxStore(store.database(), clock), ReceiptIssuer.Settings.of(config.receipts()),
                () -> { });
        var missing = receipts.recordedWithoutReceipt(from.atStartOfDay(zone).toInstant(),
                from.plusYears(1).atStartOfDay(zone).toInstant());
        int issued = 0;
        int refunded = 0;
        int failed = 0;
        var progress = terminal.getAsBoolean() ? Progress.terminal(err) : Progress.NONE;
        try (var bar = progress.start("Receipts " + year, missing.size())) {
            int done = 0;
            for (var donationId : missing) {
                try {
                    var outcome = issuer.issueFor(donationId);
                    if (outcome.created()) {
                        issued++;
                    } else if (outcome.receipt().isEmpty()) {
                        refunded++;
                    }
                } catch (StoreException | IllegalArgumentException e) {
                    failed++;
                    err.println("amanah receipts: RECEIPT_FAILED donation " + donationId + ": " + e.getMessage());
                }
                bar.stepTo(++done);
            }
        }
        var summary = new StringBuilder("amanah receipts " + year + ": " + issued + " receipts issued, "
                + receipts.countInYear(year) + " in " + year + " in all");
        if (refunded > 0) {
            summary.append(", ").append(refunded).append(" refunded in full and not receipted");
        }
        if (failed > 0) {
            summary.append(", ").append(failed).append(" failed");
        }
        if (!noStatements) {
            var directory = statementsDirectory(config);
            int written = writeStatements(config, receipts, from, to, directory, progress);
            summary.append("; ").append(written).append(" statements written to ").append(directory);
        }
        out.println(summary);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private int writeStatements(AmanahConfig config, ReceiptStore receipts, LocalDate from, LocalDate to, Path directory,
                                Progress progress) {
        var settings = ReceiptIssuer.Settings.of(config.receipts());
        var statements = new Statements(receipts, settings.charity(), settings.zone(), clock);
        List<String> donors = statements.donors(from, to);
        try {
            Files.createDirectories(directory);
            try (var bar = progress.start("Statements " + year, donors.size())) {
                int done = 0;
                for (var donor : donors) {
                    var statement = statements.forDonor(donor, from, to);
                    var target = directory.resolve(Statements.fileName(statement));
                    // Written beside, then moved: a statement on disk is always whole.
                    var partial = directory.resolve(target.getFileName() + ".part");
                    Files.write(partial, statement.render());
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    bar.stepTo(++done);
                }
            }
        } catch (IOException e) {
            throw InputException.unwritable(statementsFlag(), directory, e);
        }
        return donors.size();
    }

    /** Where the statements go: {@code --out}, or the year's directory under {@code receipts.outputDir}. */
    private Path statementsDirectory(AmanahConfig config) {
        return statementsDir != null ? statementsDir : config.receipts().outputDir().resolve("statements").resolve(String.valueOf(year));
    }

    /** What chose {@link #statementsDirectory}: named when it cannot be written. */
    private String statementsFlag() {
        return statementsDir != null ? "--out" : "receipts.outputDir";
    }
}
