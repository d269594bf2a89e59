package dev.amanah.donations.importer;

import dev.amanah.donations.store.Campaign;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.FreeText;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Decimals;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and checks an import file, writing nothing. The file is RFC 4180 CSV in UTF-8 with a
 * header row naming the columns (any order):
 * <ul>
 *   <li>{@code reference} (required): the payment's reference at its source (bank transaction
 *       id, cheque number), at most 120 characters, unique in the file: the row's stable key;</li>
 *   <li>{@code received_at} (required): {@code 2026-11-03} (taken as 00:00 that day in the clock's
 *       zone: {@code amanah import} gives receipts.zone, so the receipt is dated that day and the
 *       report counts it in that month) or an instant with an offset ({@code 2026-11-03T10:15:00Z});
 *       not in the future;</li>
 *   <li>{@code campaign_id} (required): an existing campaign;</li>
 *   <li>{@code amount} (required): a positive plain decimal in major units (no exponent, see
 *       {@link Decimals#parse}) with at most the currency's decimals ({@code 25.00},
 *       {@code 1500} JPY), at most {@link Long#MAX_VALUE} minor units (the most the ledger
 *       can book) and at most the largest donation ({@code donations.maxAmount}, in major units,
 *       the limit the API applies too);</li>
 *   <li>{@code currency} (required): the campaign's currency;</li>
 *   <li>{@code donor_id} (required, at most 64 characters): counts distinct donors;</li>
 *   <li>{@code donor_name}, {@code donor_email}, {@code fund_type} (optional; a name follows the
 *       API's rule, {@link FreeText#nameProblem}: at most 200 characters on one line, no control
 *       character; an e-mail address the API's too, {@link Donor#isPlausibleEmail}; a fund type must
 *       be the campaign's).</li>
 * </ul>
 * Column names and values are read without the spaces around them ({@link FreeText#trimmed}, the
 * API's trimming), never without a tab or other control character there, which is refused as
 * the API refuses it. Every row is checked and every problem reported with its line and column.
 * Stateless; reads the campaigns it is given.
 */
public final class DonationsCsv {
    /** The columns a file must have. */
    public static final List<String> REQUIRED = List.of("reference", "received_at", "campaign_id", "amount", "currency", "donor_id");
    /** The columns it may have besides. */
    public static final List<String> OPTIONAL = List.of("donor_name", "donor_email", "fund_type");
    private static final int MAX_REFERENCE = 120;
    // PostgreSQL cannot store a zero character: booked, such a row failed the whole import.
    private static final String CONTROL = "contains a control character";

    /**
     * What a file holds.
     *
     * @param rows     data rows read
     * @param good     the rows without a problem, in file order
     * @param problems every problem, in line order (a row may have several)
     */
    public record Checked(long rows, List<ImportRow> good, List<RowProblem> problems) {
    }

    private DonationsCsv() {
    }

    /**
     * Reads and checks every row of {@code reader}.
     *
     * @param campaigns the campaigns by id
     * @param maxAmount the largest donation in major units of any currency ({@code donations.maxAmount})
     * @param clock     "now", to refuse dates in the future; its zone is the one a bare date is a day in
     * @param progress  stepped once per row read
     * @throws EmptyFileException if there is no header row (an empty file, or blank lines only)
     * @throws NotUtf8Exception   if the reader reports text that is not in its encoding (no rows are returned then)
     * @throws IOException         if the file cannot be read
     */
    public static Checked check(Reader reader, Map<String, Campaign> campaigns, BigDecimal maxAmount, Clock clock,
                                Progress.Bar progress) throws IOException {
        // not setTrim: it trims as String.trim does, control characters too, which the API refuses
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
        var good = new ArrayList<ImportRow>();
        var problems = new ArrayList<RowProblem>();
        long rows = 0;
        try (var parser = format.parse(withoutByteOrderMark(reader))) {
            if (parser.getHeaderNames().isEmpty()) {
                throw new EmptyFileException();
            }
            var columns = new LinkedHashMap<String, Integer>();
            parser.getHeaderMap().forEach((written, index) -> {
                var name = FreeText.trimmed(written);
                if (columns.putIfAbsent(name, index) != null) {
                    problems.add(new RowProblem(1, "", name, "named twice in the header"));
                }
            });
            var headers = columns.keySet();
            var missing = REQUIRED.stream().filter(h -> !headers.contains(h)).toList();
            var unknown = headers.stream().filter(h -> !REQUIRED.contains(h) && !OPTIONAL.contains(h)).toList();
            missing.forEach(h -> problems.add(new RowProblem(1, "", h, "required column missing from the header")));
            unknown.forEach(h -> problems.add(new RowProblem(1, "", h.isEmpty() ? "(empty)" : h,
                    "unknown column (expected " + String.join(", ", REQUIRED) + " and optionally " + String.join(", ", OPTIONAL) + ")")));
            if (!problems.isEmpty()) {
                return new Checked(0, List.of(), problems);
            }
            var firstLineOf = new HashMap<String, Long>();
            for (var record : parser) {
                rows++;
                long line = parser.getCurrentLineNumber();
                checkRow(new Row(record, columns), line, campaigns, maxAmount, clock, firstLineOf, good, problems);
                progress.stepTo(rows);
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8();
            }
            problems.add(notCsv(rows, e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(notCsv(rows, e));
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
        return new Checked(rows, good, problems);
    }

    // commons-csv's own refusals: duplicate header names, a quote never closed, ...
    private static RowProblem notCsv(long rowsRead, RuntimeException e) {
        return new RowProblem(rowsRead + 1, "", "(file)", "not readable as RFC 4180 CSV: " + e.getMessage());
    }

    // Not a row problem: the rows read before the bad byte would pass as the good rows of a file
    // read only in part. The decoder reads ahead, so where it stopped is not where the byte is.
    private static NotUtf8Exception notUtf8() {
        return new NotUtf8Exception("not UTF-8");
    }

    /** Spreadsheets often save "CSV UTF-8" with a byte-order mark, which would otherwise glue itself to the first column's name. */
    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        var pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /**
     * A row's values by column name, each without the spaces around it ({@link FreeText#trimmed},
     * as the API trims text): a control character at either end stays, to be refused.
     */
    private record Row(CSVRecord record, Map<String, Integer> columns) {
        /** The value, or empty if the file has no such column or the row is too short for it. */
        String get(String column) {
            var index = columns.get(column);
            return index == null || index >= record.size() ? "" : FreeText.trimmed(record.get(index));
        }
    }

    private static void checkRow(Row record, long line, Map<String, Campaign> campaigns, BigDecimal maxAmount,
                                 Clock clock, Map<String, Long> firstLineOf, List<ImportRow> good, List<RowProblem> problems) {
        var reference = record.get("reference");
        if (record.record().size() != record.columns().size()) {
            problems.add(new RowProblem(line, reference, "(row)", "has " + Counts.of(record.record().size(), "field")
                    + ", the header has " + record.columns().size()));
            return;
        }
        var found = new ArrayList<RowProblem>();
        Problems at = (column, reason) -> found.add(new RowProblem(line, reference, column, reason));

        if (reference.isEmpty()) {
            at.add("reference", "required");
        } else if (reference.length() > MAX_REFERENCE) {
            at.add("reference", "longer than " + MAX_REFERENCE + " characters");
        } else if (hasControl(reference)) {
            at.add("reference", CONTROL);
        } else {
            var earlier = firstLineOf.putIfAbsent(reference, line);
            if (earlier != null) {
                at.add("reference", "'" + reference + "' is also on line " + earlier + "; a reference must be unique");
            }
        }
        var receivedAt = receivedAt(record.get("received_at"), clock, at);
        var campaign = Optional.<Campaign>empty();
        var campaignId = record.get("campaign_id");
        if (campaignId.isEmpty()) {
            at.add("campaign_id", "required");
        } else {
            campaign = Optional.ofNullable(campaigns.get(campaignId));
            if (campaign.isEmpty()) {
                at.add("campaign_id", "no campaign '" + campaignId + "'");
            }
        }
        var amount = amount(record.get("amount"), record.get("currency"), maxAmount, at);
        if (campaign.isPresent() && amount.isPresent() && !campaign.get().currency().equals(amount.get().currency())) {
            at.add("currency", amount.get().currency().getCurrencyCode() + " but campaign '" + campaignId + "' collects in "
                    + campaign.get().currency().getCurrencyCode());
        }
        if (!record.get("fund_type").isEmpty() && campaign.isPresent()) {
            var fund = record.get("fund_type");
            if (Arrays.stream(FundType.values()).noneMatch(f -> f.name().equals(fund))) {
                at.add("fund_type", "'" + fund + "' is not a fund type (ZAKAT, ZAKAT_AL_FITR, SADAQAH, WAQF, GENERAL)");
            } else if (FundType.valueOf(fund) != campaign.get().fundType()) {
                at.add("fund_type", fund + " but campaign '" + campaignId + "' is " + campaign.get().fundType());
            }
        }
        var donor = donor(record, at);
        if (found.isEmpty()) {
            good.add(new ImportRow(line, reference, receivedAt.orElseThrow(), campaignId, donor.orElseThrow(), amount.orElseThrow()));
        }
        problems.addAll(found);
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    @FunctionalInterface
    private interface Problems {
        void add(String column, String reason);
    }

    private static Optional<Instant> receivedAt(String text, Clock clock, Problems at) {
        if (text.isEmpty()) {
            at.add("received_at", "required");
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(clock.getZone()).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            at.add("received_at", "'" + text + "' is neither a date (2026-11-03) nor an instant with offset (2026-11-03T10:15:00Z)");
            return Optional.empty();
        }
        if (instant.isAfter(clock.instant())) {
            at.add("received_at", text + " is in the future");
            return Optional.empty();
        }
        return Optional.of(instant);
    }

    private static Optional<Money> amount(String amount, String currencyCode, BigDecimal maxAmount, Problems at) {
        Currency currency;
        try {
            currency = Currencies.paymentCurrency(currencyCode, "currency");
        } catch (FinanceException e) {
            at.add("currency", currencyCode.isEmpty() ? "required" : e.detail());
            return Optional.empty();
        }
        if (amount.isEmpty()) {
            at.add("amount", "required");
            return Optional.empty();
        }
        try {
            var money = Money.of(Decimals.parse(amount, "amount"), currency);
            if (money.signum() <= 0) {
                at.add("amount", "'" + amount + "' must be positive");
                return Optional.empty();
            }
            // The API refuses a donation above donations.maxAmount; a file is no back door around
            // that limit, which is also what keeps a campaign's sums far inside a long.
            if (money.amount().compareTo(maxAmount) > 0) {
                at.add("amount", "'" + amount + "' is more than the largest donation, " + maxAmount.toPlainString() + " "
                        + currency.getCurrencyCode() + " (donations.maxAmount)");
                return Optional.empty();
            }
            return Optional.of(money);
        } catch (FinanceException e) {
            // the parser's refusal already quotes the text (shortened if long) and says what to write
            // Money holds at most a long of minor units, what booking can keep (AMOUNT_TOO_LARGE).
            at.add("amount", switch (e.code()) {
                case NOT_A_NUMBER -> e.detail();
                case AMOUNT_TOO_LARGE -> "'" + amount + "' is more than can be booked (at most "
                        + Money.ofMinor(Long.MAX_VALUE, currency) + ")";
                default -> "'" + amount + "': " + e.detail();
            });
        }
        return Optional.empty();
    }

    private static Optional<Donor> donor(Row record, Problems at) {
        var id = record.get("donor_id");
        var name = record.get("donor_name").isEmpty() ? null : record.get("donor_name");
        var email = record.get("donor_email").isEmpty() ? null : record.get("donor_email");
        boolean ok = true;
        if (id.isEmpty() || id.length() > 64) {
            at.add("donor_id", id.isEmpty() ? "required" : "longer than 64 characters");
            ok = false;
        } else if (hasControl(id)) {
            at.add("donor_id", CONTROL);
            ok = false;
        }
        // The API's rule in the API's words: the name is printed on receipts and statements as stored.
        var nameProblem = name == null ? Optional.<String>empty() : FreeText.nameProblem(name);
        if (nameProblem.isPresent()) {
            at.add("donor_name", nameProblem.get());
            ok = false;
        }
        if (email != null && (email.length() > 320 || !Donor.isPlausibleEmail(email))) {
            at.add("donor_email", "not an e-mail address");
            ok = false;
        }
        return ok ? Optional.of(Donor.of(id, email, name)) : Optional.empty();
    }
}
