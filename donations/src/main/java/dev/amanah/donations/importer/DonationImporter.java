package dev.amanah.donations.importer;

import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;

/**
 * {@code amanah import}: donations from a CSV file ({@link DonationsCsv}) into the store, all or
 * nothing.
 * <ol>
 *   <li><b>Check</b> every row first, writing nothing. A file that is not UTF-8 text is refused
 *       whole ({@link NotUtf8Exception}, naming the first byte that is not), whatever {@code skipBad}. A row whose reference was imported before
 *       with the same campaign, amount and donor is <em>already imported</em> and skipped; with
 *       other content it is a bad row.</li>
 *   <li>A row that would take its campaign's donations, or the {@value #CLEARING} clearing
 *       account, past {@link Long#MAX_VALUE} minor units is a bad row too: the store keeps amounts
 *       and sums as longs, and a campaign booked past that could no longer be read (its totals,
 *       balance and reports would fail on every read).</li>
 *   <li>Any bad row: without {@code skipBad} nothing is imported ({@link ImportRefusedException}
 *       lists every problem by line and column); with it, the good rows are imported and the bad
 *       ones listed beside the input in {@code <stem>.skipped.csv}, the stem being its name less
 *       {@code .csv} ({@code line,reference,column,reason}).</li>
 *   <li><b>Import</b> the rows in ONE database transaction: each becomes a donation that goes
 *       the way of one taken by the API (claimed, validated, charged with {@code import:<reference>}
 *       as its charge id, recorded in the ledger: clearing account {@value #CLEARING} debited,
 *       campaign credited, marked receipted without a receipt, which {@code amanah receipts}
 *       issues), stamped with its {@code received_at}. A failure anywhere
 *       rolls all of it back.</li>
 * </ol>
 * Idempotent: the donation's key is {@code import:<reference>}, so importing the same file again
 * imports nothing. Blocks on the file and the database; not for concurrent use on one file.
 */
public final class DonationImporter {
    /** The clearing account imported money is booked through. */
    public static final String CLEARING = "import";

    private final Store store;
    private final BigDecimal maxAmount;
    private final Clock clock;
    private final Progress progress;

    /**
     * @param store     where donations go
     * @param maxAmount the largest donation in major units ({@code donations.maxAmount}); a row above it is bad
     * @param clock     "now", to refuse dates in the future; its zone is the one a bare date in the file is a day in
     * @param progress  how progress is shown
     */
    public DonationImporter(Store store, BigDecimal maxAmount, Clock clock, Progress progress) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxAmount = Objects.requireNonNull(maxAmount, "maxAmount");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The donation id of an imported row: one reference, one donation. */
    public static String donationId(String idempotencyKey) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "imp_" + HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Imports {@code file}.
     *
     * @throws ImportRefusedException        if a row is bad and {@code skipBad} is false; nothing is written
     * @throws EmptyFileException           if the file has no header row, whatever {@code skipBad}; nothing is written
     * @throws NotUtf8Exception             if the file is not UTF-8 text, whatever {@code skipBad}; nothing is written
     * @throws IOException                   if the file cannot be read (nothing is written) or the skipped-rows report cannot be written
     * @throws dev.amanah.donations.store.StoreException if the database refuses (nothing is written)
     */
    public ImportResult run(Path file, boolean skipBad) throws IOException {
        var campaigns = store.campaigns().all().stream().collect(Collectors.toMap(Campaign::id, Function.identity()));
        long lines = Utf8Lines.count(file);
        DonationsCsv.Checked checked;
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             var bar = progress.start("Checking", Math.max(0, lines - 1))) {
            checked = DonationsCsv.check(reader, campaigns, maxAmount, clock, bar);
        }
        var problems = new ArrayList<>(checked.problems());
        var toImport = new ArrayList<ImportRow>();
        long alreadyImported = 0;
        var room = new Room();
        for (var row : checked.good()) {
            var existing = store.donations().findByIdempotencyKey(row.idempotencyKey());
            if (existing.isEmpty()) {
                room.take(row).ifPresentOrElse(
                        reason -> problems.add(new RowProblem(row.line(), row.reference(), "amount", reason)),
                        () -> toImport.add(row));
            } else if (existing.get().campaignId().equals(row.campaignId()) && existing.get().amount().equals(row.amount())
                    && existing.get().donor().id().equals(row.donor().id())) {
                alreadyImported++;
            } else {
                problems.add(new RowProblem(row.line(), row.reference(), "reference", "'" + row.reference()
                        + "' was imported before as donation " + existing.get().id() + " with another campaign, amount or donor"));
            }
        }
        problems.sort((a, b) -> Long.compare(a.line(), b.line()));
        if (!problems.isEmpty() && !skipBad) {
            throw new ImportRefusedException(file.toString(), problems);
        }
        book(toImport);
        Optional<Path> report = problems.isEmpty() ? Optional.empty() : Optional.of(writeSkipped(file, problems));
        var totals = new TreeMap<String, Money>();
        toImport.forEach(row -> totals.merge(row.amount().currency().getCurrencyCode(), row.amount(), Money::plus));
        return new ImportResult(checked.rows(), toImport.size(), alreadyImported, List.copyOf(totals.values()), problems, report);
    }

    /**
     * The room left below {@link Long#MAX_VALUE} minor units in the sums a row adds to: its
     * campaign's donations (what its totals and reports sum) and the import clearing account of its
     * currency. Each row within a long could still, with others, push a sum past it; the database
     * would take every such row, then fail every read of the sum. Sums are kept exact in BigInteger.
     * Read before the import's transaction: the importer is not for concurrent use.
     */
    private final class Room {
        private static final BigInteger LARGEST = BigInteger.valueOf(Long.MAX_VALUE);
        private final Map<String, BigInteger> campaigns = new HashMap<>();
        private final Map<Currency, BigInteger> clearing = new HashMap<>();

        /** Counts the row in, or says why it does not fit (and counts nothing). */
        Optional<String> take(ImportRow row) {
            var amount = row.amount();
            var currency = amount.currency();
            var minor = amount.amount().unscaledValue();
            var raised = campaigns.computeIfAbsent(row.campaignId(),
                    id -> store.donations().totals(id).raised().amount().unscaledValue()).add(minor);
            var cleared = clearing.computeIfAbsent(currency,
                    c -> store.ledger().balance(Account.clearing(CLEARING), c).amount().unscaledValue()).add(minor);
            var largest = Money.ofMinor(Long.MAX_VALUE, currency);
            if (raised.compareTo(LARGEST) > 0) {
                return Optional.of("would take the donations to campaign '" + row.campaignId() + "' to "
                        + new BigDecimal(raised, amount.scale()).toPlainString() + " " + currency.getCurrencyCode()
                        + ", more than can be booked (at most " + largest + ")");
            }
            if (cleared.compareTo(LARGEST) > 0) {
                return Optional.of("would take the '" + CLEARING + "' clearing account to "
                        + new BigDecimal(cleared, amount.scale()).toPlainString() + " " + currency.getCurrencyCode()
                        + ", more than can be booked (at most " + largest + ")");
            }
            campaigns.put(row.campaignId(), raised);
            clearing.put(currency, cleared);
            return Optional.empty();
        }
    }

    private void book(List<ImportRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        var database = store.database();
        try (var bar = progress.start("Importing", rows.size())) {
            database.useTransaction(connection -> {
                long done = 0;
                bar.stepTo(0);   // a retried transaction starts again
                for (var row : rows) {
                    // Stores whose clock is the row's time: the donation and its ledger transaction carry it.
                    var at = Clock.fixed(row.receivedAt(), ZoneOffset.UTC);
                    var donations = new DonationStore(database, at, new LedgerStore(database, at), store.campaigns());
                    var id = donationId(row.idempotencyKey());
                    donations.create(new NewDonation(id, row.idempotencyKey(), row.campaignId(), row.donor(), row.amount()));
                    donations.markValidated(id);
                    donations.markCharged(id, row.idempotencyKey());
                    donations.record(id, "imported donation " + id, List.of(
                            Entry.debit(Account.clearing(CLEARING), row.amount()),
                            Entry.credit(Account.campaign(row.campaignId()), row.amount())));
                    donations.markReceipted(id);
                    bar.stepTo(++done);
                }
            });
        }
    }

    /** {@code <stem>.skipped.csv} beside the input: line, reference, column, reason. */
    private static Path writeSkipped(Path file, List<RowProblem> problems) throws IOException {
        var name = file.getFileName().toString();
        var stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        var target = file.toAbsolutePath().resolveSibling(stem + ".skipped.csv");
        var temporary = target.resolveSibling(target.getFileName() + ".part");
        try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
             var printer = CSVFormat.RFC4180.builder().setHeader("line", "reference", "column", "reason").get().print(out)) {
            for (var problem : problems) {
                printer.printRecord(problem.line(), problem.reference(), problem.column(), problem.reason());
            }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
