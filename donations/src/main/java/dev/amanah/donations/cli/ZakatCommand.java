package dev.amanah.donations.cli;

import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.AcceptedCurrencies;
import dev.amanah.finance.zakat.Assessment;
import dev.amanah.finance.zakat.AssetKind;
import dev.amanah.finance.zakat.Metal;
import dev.amanah.finance.zakat.ZakatCalculator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amanah zakat}: assesses zakat from flags, a JSON or YAML file, or both (the file first,
 * then the flags: asset flags add to the file's assets, policy flags override it). Prints the
 * amount and the explanation, or JSON with {@code --json}. Exit code 0 whether zakat is due or
 * not; 2 with a one-line error naming the field for bad input: as the user wrote it, a file's key
 * ({@code nisabReached}, {@code assets[0].grams}) or a flag after the domain's field
 * ({@code nisabReachedOn (--nisab-reached)}).
 */
@Command(name = "zakat", sortOptions = false,
        description = {"Assess the zakat due on wealth and explain every step.", ""},
        footer = {"", "Amounts are exact decimals in the assessment currency. Prices are per gram of pure metal.",
                "Example:", "  amanah zakat --currency GBP --nisab-reached 2024-03-11 \\",
                "      --date 2025-03-01 --cash 4200.00 --gold 100@21k \\",
                "      --gold-price 68.40 --silver-price 0.79 --debt 300"})
final class ZakatCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    // Where the user would give what a request lacks or defaults, named in a refusal of it.
    private static final Map<String, String> FLAG_OF_FIELD = Map.of(
            "prices.gold", "--gold-price",
            "prices.silver", "--silver-price",
            "balanceHistory", "--balance",
            "nisabReachedOn", "--nisab-reached",
            "assessmentDate", "--date");
    private static final Map<String, String> KEY_OF_FIELD = Map.of(
            "prices.gold", "prices.gold",
            "prices.silver", "prices.silver",
            "balanceHistory", "balances",
            "nisabReachedOn", "nisabReached",
            "assessmentDate", "date");

    private final Clock clock;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the input from a .json, .yaml or .yml file.")
    private Path file;

    @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of the assessment.")
    private String currency;

    @Option(names = "--accept", paramLabel = "CODE", split = ",",
            description = "Currencies the organisation accepts (default: every payment currency).")
    private List<String> accepted = new ArrayList<>();

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Assessment date (default: today).")
    private String date;

    @Option(names = "--nisab-reached", paramLabel = "YYYY-MM-DD",
            description = "The day wealth first reached nisab: the start of the hawl.")
    private String nisabReached;

    @Option(names = "--cash", paramLabel = "AMOUNT", description = "Cash or a bank balance (repeatable).")
    private List<String> cash = new ArrayList<>();

    @Option(names = "--trade-stock", paramLabel = "AMOUNT", description = "Trade stock at market value (repeatable).")
    private List<String> tradeStock = new ArrayList<>();

    @Option(names = "--receivable", paramLabel = "AMOUNT", description = "Money owed to you, expected to be repaid (repeatable).")
    private List<String> receivables = new ArrayList<>();

    @Option(names = "--investment", paramLabel = "AMOUNT", description = "Investments at market value (repeatable).")
    private List<String> investments = new ArrayList<>();

    @Option(names = "--gold", paramLabel = "GRAMS[@PURITY]",
            description = "Gold held, purity as fineness (0.999) or karats (21k); pure if omitted (repeatable).")
    private List<String> gold = new ArrayList<>();

    @Option(names = "--gold-jewellery", paramLabel = "GRAMS[@PURITY]", description = "Gold jewellery worn personally (repeatable).")
    private List<String> goldJewellery = new ArrayList<>();

    @Option(names = "--silver", paramLabel = "GRAMS[@PURITY]", description = "Silver held (repeatable).")
    private List<String> silver = new ArrayList<>();

    @Option(names = "--silver-jewellery", paramLabel = "GRAMS[@PURITY]", description = "Silver jewellery worn personally (repeatable).")
    private List<String> silverJewellery = new ArrayList<>();

    @Option(names = "--debt", paramLabel = "AMOUNT", description = "A debt due within the coming 12 lunar months (repeatable).")
    private List<String> debts = new ArrayList<>();

    @Option(names = "--instalments", paramLabel = "MONTHLY/OUTSTANDING",
            description = "A long-term debt: monthly principal / principal outstanding (repeatable).")
    private List<String> instalments = new ArrayList<>();

    @Option(names = "--arrears", paramLabel = "AMOUNT", description = "Overdue payments (repeatable).")
    private List<String> arrears = new ArrayList<>();

    @Option(names = "--gold-price", paramLabel = "PER_GRAM", description = "Price of one gram of pure gold.")
    private String goldPrice;

    @Option(names = "--silver-price", paramLabel = "PER_GRAM", description = "Price of one gram of pure silver.")
    private String silverPrice;

    @Option(names = "--price-source", paramLabel = "TEXT", description = "Where the prices come from.")
    private String priceSource;

    @Option(names = "--price-time", paramLabel = "INSTANT", description = "When the prices were quoted (default: start of the assessment date, UTC).")
    private String priceTime;

    @Option(names = "--nisab", paramLabel = "STANDARD", description = "GOLD, SILVER or LOWER_OF_TWO (default LOWER_OF_TWO).")
    private String nisabStandard;

    @Option(names = "--gold-nisab-grams", paramLabel = "GRAMS", description = "Gold nisab weight (default 85).")
    private String goldNisabGrams;

    @Option(names = "--silver-nisab-grams", paramLabel = "GRAMS", description = "Silver nisab weight (default 595).")
    private String silverNisabGrams;

    @Option(names = "--year", paramLabel = "BASIS", description = "LUNAR (2.5 %%, Hijri year) or SOLAR (2.577 %%, Gregorian year); default LUNAR.")
    private String year;

    @Option(names = "--hawl", paramLabel = "RULE", description = "ENDPOINTS (Hanafi) or CONTINUOUS (Shafi'i, Hanbali; needs --balance); default ENDPOINTS.")
    private String hawl;

    @Option(names = "--personal-jewellery-zakatable", negatable = true, paramLabel = "BOOLEAN",
            description = "Count personal-use jewellery (default: yes).")
    private Boolean personalJewelleryZakatable;

    // --fraction's and --balance's pairs are split here, not by a picocli Map, whose refusal of one
    // without '=' reads "Value for option option '--balance' ..." and prints the whole usage.
    @Option(names = "--fraction", paramLabel = "KIND=FRACTION", description = "Zakatable fraction of an asset kind, e.g. INVESTMENT=0.25.")
    private List<String> fractions = new ArrayList<>();

    @Option(names = "--balance", paramLabel = "DATE=AMOUNT", description = "Net wealth held from DATE on, for the hawl check (repeatable).")
    private List<String> balances = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON for machines instead of text.")
    private boolean json;

    ZakatCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var input = InputException.file("--file", file) == null ? null : InputFile.read(file);
        var code = currency != null ? currency : input == null ? null : input.currency();
        if (code == null) {
            throw new InputException(InputException.Code.MISSING_INPUT, "--currency", "the assessment currency is needed");
        }
        var field = currency != null ? "--currency" : "currency";
        var allowList = accepted.isEmpty() ? AcceptedCurrencies.allPaymentCurrencies()
                : AcceptedCurrencies.of(accepted.stream().map(String::strip).toArray(String[]::new));
        var builder = new RequestBuilder(allowList.resolve(code.strip(), field));
        if (input != null) {
            input.applyTo(builder);
        }
        applyFlags(builder);
        (input == null ? FLAG_OF_FIELD : KEY_OF_FIELD).forEach(builder::nameUnset);
        var request = builder.build(LocalDate.now(clock), input == null ? "--nisab-reached" : "nisabReached");
        Assessment assessment;
        try {
            assessment = ZakatCalculator.assess(request);
        } catch (FinanceException e) {
            throw builder.named(e);
        }
        var out = spec.commandLine().getOut();
        out.print(json ? AssessmentReport.json(request, assessment) : AssessmentReport.text(request, assessment));
        out.flush();
        return 0;
    }

    private void applyFlags(RequestBuilder builder) {
        if (date != null) {
            builder.assessmentDate("--date", date);
        }
        if (nisabReached != null) {
            builder.nisabReachedOn("--nisab-reached", nisabReached);
        }
        if (nisabStandard != null) {
            builder.nisabStandard("--nisab", nisabStandard);
        }
        if (year != null) {
            builder.yearBasis("--year", year);
        }
        if (hawl != null) {
            builder.hawlRule("--hawl", hawl);
        }
        if (goldNisabGrams != null || silverNisabGrams != null) {
            builder.nisabGrams("--gold-nisab-grams", goldNisabGrams, "--silver-nisab-grams", silverNisabGrams);
        }
        if (personalJewelleryZakatable != null) {
            builder.personalJewelleryZakatable(personalJewelleryZakatable);
        }
        fractions.forEach(pair -> {
            var kindAndFraction = pair("--fraction", pair, "KIND=FRACTION, e.g. INVESTMENT=0.25");
            builder.zakatableFraction("--fraction", kindAndFraction[0], kindAndFraction[1]);
        });
        if (priceSource != null) {
            builder.priceSource(priceSource);
        }
        if (priceTime != null) {
            builder.pricesAsOf("--price-time", priceTime);
        }
        if (goldPrice != null) {
            builder.price(Metal.GOLD, "--gold-price", goldPrice);
        }
        if (silverPrice != null) {
            builder.price(Metal.SILVER, "--silver-price", silverPrice);
        }
        moneyAssets(builder, AssetKind.CASH, "--cash", cash);
        moneyAssets(builder, AssetKind.TRADE_STOCK, "--trade-stock", tradeStock);
        moneyAssets(builder, AssetKind.RECEIVABLE, "--receivable", receivables);
        moneyAssets(builder, AssetKind.INVESTMENT, "--investment", investments);
        metals(builder, Metal.GOLD, "--gold", gold, false);
        metals(builder, Metal.GOLD, "--gold-jewellery", goldJewellery, true);
        metals(builder, Metal.SILVER, "--silver", silver, false);
        metals(builder, Metal.SILVER, "--silver-jewellery", silverJewellery, true);
        numbered(debts, (label, amount) -> builder.debtDueWithinYear("--debt", label("--debt", label), amount));
        numbered(arrears, (label, amount) -> builder.arrears("--arrears", label("--arrears", label), amount));
        numbered(instalments, (label, value) -> {
            var parts = value.split("/", -1);
            if (parts.length != 2) {
                throw new InputException(InputException.Code.INVALID_VALUE, "--instalments",
                        "'" + value + "' is not MONTHLY/OUTSTANDING, e.g. 250.00/5400.00");
            }
            builder.instalments("--instalments", "--instalments", label("--instalments", label), parts[0], parts[1]);
        });
        balances.forEach(pair -> {
            var dayAndAmount = pair("--balance", pair, "DATE=AMOUNT, e.g. 2024-07-01=240.00");
            builder.balance("--balance", "--balance", dayAndAmount[0], dayAndAmount[1]);
        });
    }

    /** {@code value} split at its first '=', or refused naming {@code flag} and the {@code form} it should have. */
    private static String[] pair(String flag, String value, String form) {
        var at = value.indexOf('=');
        if (at < 0) {
            throw new InputException(InputException.Code.INVALID_VALUE, flag, "'" + value + "' is not " + form);
        }
        return new String[] {value.substring(0, at), value.substring(at + 1)};
    }

    private static void moneyAssets(RequestBuilder builder, AssetKind kind, String flag, List<String> amounts) {
        numbered(amounts, (label, amount) -> builder.moneyAsset(kind, flag, label(flag, label), amount));
    }

    private static void metals(RequestBuilder builder, Metal metal, String flag, List<String> values, boolean personal) {
        numbered(values, (label, value) -> {
            var at = value.indexOf('@');
            var grams = at < 0 ? value : value.substring(0, at);
            var purity = at < 0 ? null : value.substring(at + 1);
            builder.metal(metal, flag, flag, label(flag, label), grams, purity, personal);
        });
    }

    private static void numbered(List<String> values, BiConsumer<Integer, String> action) {
        for (var i = 0; i < values.size(); i++) {
            action.accept(i + 1, values.get(i));
        }
    }

    private static String label(String flag, int number) {
        return flag.substring(2) + " #" + number;
    }
}
