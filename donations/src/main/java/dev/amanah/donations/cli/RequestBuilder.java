package dev.amanah.donations.cli;

import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Decimals;
import dev.amanah.finance.money.Money;
import dev.amanah.finance.zakat.Asset;
import dev.amanah.finance.zakat.AssetKind;
import dev.amanah.finance.zakat.Balance;
import dev.amanah.finance.zakat.HawlRule;
import dev.amanah.finance.zakat.Liability;
import dev.amanah.finance.zakat.Metal;
import dev.amanah.finance.zakat.MetalAsset;
import dev.amanah.finance.zakat.MetalPrice;
import dev.amanah.finance.zakat.MetalPrices;
import dev.amanah.finance.zakat.NisabStandard;
import dev.amanah.finance.zakat.Purity;
import dev.amanah.finance.zakat.Weight;
import dev.amanah.finance.zakat.YearBasis;
import dev.amanah.finance.zakat.ZakatPolicy;
import dev.amanah.finance.zakat.ZakatRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects a zakat request from text, wherever it comes from (flags or a file), converting each
 * value at once and naming the field it came from ({@code --gold}, {@code assets[2].grams}) in
 * any error. Numbers are parsed as {@link BigDecimal} from their text, never through a binary
 * floating-point type.
 */
final class RequestBuilder {
    private final Currency currency;
    private final List<Asset> assets = new ArrayList<>();
    private final List<Liability> liabilities = new ArrayList<>();
    private final List<Balance> balances = new ArrayList<>();
    private final Map<Metal, BigDecimal> prices = new EnumMap<>(Metal.class);
    private final Map<Metal, String> priceFields = new EnumMap<>(Metal.class);
    private ZakatPolicy policy = ZakatPolicy.defaults();
    private LocalDate assessmentDate;
    private LocalDate nisabReachedOn;
    private String priceSource = "given on the command line";
    private Instant pricesAsOf;
    // The domain names its fields (nisabReachedOn, assets[2]); the user wrote a flag or a file's key.
    private final Map<String, String> inputOf = new HashMap<>();
    // What gave the assets as a whole (a zakat due too large is theirs): each flag once, or the file's key.
    private final Set<String> assetInputs = new LinkedHashSet<>();

    RequestBuilder(Currency currency) {
        this.currency = currency;
    }

    void assessmentDate(String field, String text) {
        assessmentDate = date(field, text);
        inputOf.put("assessmentDate", field);
    }

    void nisabReachedOn(String field, String text) {
        nisabReachedOn = date(field, text);
        inputOf.put("nisabReachedOn", field);
    }

    void moneyAsset(AssetKind kind, String field, String description, String amount) {
        var value = money(field, amount);
        inputOf.put("assets[" + assets.size() + "].amount", field);
        gaveAsset(field);
        assets.add(at(field, () -> switch (kind) {
            case CASH -> Asset.cash(description, value);
            case TRADE_STOCK -> Asset.tradeStock(description, value);
            case RECEIVABLE -> Asset.receivable(description, value);
            case INVESTMENT -> Asset.investment(description, value);
            case GOLD, SILVER -> throw new IllegalArgumentException("metals are held by weight");
        }));
    }

    void metal(Metal metal, String gramsField, String purityField, String description, String grams, String purity,
               boolean personalUse) {
        var weight = at(gramsField, () -> Weight.grams(grams));
        var fineness = purity == null ? Purity.PURE : purity(purityField, purity);
        inputOf.put("assets[" + assets.size() + "]", gramsField);
        gaveAsset(gramsField);
        assets.add(new MetalAsset(metal, description, weight, fineness, personalUse));
    }

    private void gaveAsset(String field) {
        assetInputs.add(field.startsWith("--") ? field : "assets");
        inputOf.put("assets", String.join(", ", assetInputs));
    }

    void debtDueWithinYear(String field, String description, String amount) {
        var value = money(field, amount);
        liabilities.add(at(field, () -> new Liability.DueWithinYear(description, value)));
    }

    void arrears(String field, String description, String amount) {
        var value = money(field, amount);
        liabilities.add(at(field, () -> new Liability.Arrears(description, value)));
    }

    void instalments(String monthlyField, String outstandingField, String description, String monthly,
                     String outstanding) {
        var perMonth = money(monthlyField, monthly);
        var left = money(outstandingField, outstanding);
        liabilities.add(at(monthlyField, () -> new Liability.Instalments(description, perMonth, left)));
    }

    void balance(String dateField, String amountField, String date, String amount) {
        inputOf.put("balanceHistory[" + balances.size() + "].date", dateField);
        inputOf.put("balanceHistory[" + balances.size() + "].amount", amountField);
        balances.add(new Balance(date(dateField, date), money(amountField, amount)));
    }

    void price(Metal metal, String field, String perGram) {
        prices.put(metal, decimal(field, perGram));
        priceFields.put(metal, field);
        inputOf.put("prices." + metal.label(), field);
    }

    void priceSource(String source) {
        priceSource = source;
    }

    void pricesAsOf(String field, String text) {
        try {
            pricesAsOf = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException(InputException.Code.INVALID_VALUE, field,
                    "'" + text + "' is not an instant like 2025-03-01T15:00:00Z");
        }
    }

    void nisabStandard(String field, String text) {
        policy = policy.withNisabStandard(choice(NisabStandard.class, field, text));
    }

    void yearBasis(String field, String text) {
        policy = policy.withYearBasis(choice(YearBasis.class, field, text));
    }

    void hawlRule(String field, String text) {
        policy = policy.withHawlRule(choice(HawlRule.class, field, text));
    }

    void nisabGrams(String goldField, String goldText, String silverField, String silverText) {
        var gold = goldText == null ? policy.goldNisabGrams() : decimal(goldField, goldText);
        var silver = silverText == null ? policy.silverNisabGrams() : decimal(silverField, silverText);
        policy = at(goldText == null ? silverField : goldField, () -> policy.withNisabGrams(gold, silver));
    }

    void personalJewelleryZakatable(boolean zakatable) {
        policy = policy.withPersonalJewelleryZakatable(zakatable);
    }

    void zakatableFraction(String field, String kind, String fraction) {
        var assetKind = choice(AssetKind.class, field, kind);
        var value = decimal(field, fraction);
        policy = at(field, () -> policy.withZakatableFraction(assetKind, value));
    }

    /**
     * Names {@code input} (a flag or a file's key) in errors about the domain's {@code field} until
     * a value is given for it: for what a request may lack ({@code prices.gold}) or leave to a
     * default ({@code assessmentDate}), the input where the user would give it.
     */
    void nameUnset(String field, String input) {
        inputOf.putIfAbsent(field, input);
    }

    /**
     * {@code e}, a refusal of the request {@link #build} made, reported against what the user
     * wrote: a file's key alone ({@code nisabReached}, {@code assets[0].grams}), a flag after the
     * domain's field ({@code nisabReachedOn (--nisab-reached)}); as it is for a field no input names.
     */
    FinanceException named(FinanceException e) {
        var input = inputOf.get(e.field());
        if (input == null) {
            return e;
        }
        return e.at(input.startsWith("--") ? e.field() + " (" + input + ")" : input);
    }

    /**
     * The request. The assessment date defaults to {@code today}; prices are dated at the start
     * of the assessment date (UTC) unless a time was given.
     *
     * @throws InputException {@code MISSING_INPUT} without the day nisab was reached
     */
    ZakatRequest build(LocalDate today, String nisabReachedField) {
        if (nisabReachedOn == null) {
            throw new InputException(InputException.Code.MISSING_INPUT, nisabReachedField,
                    "the day wealth first reached nisab is needed to find the zakat day");
        }
        var date = assessmentDate == null ? today : assessmentDate;
        var asOf = pricesAsOf == null ? date.atStartOfDay().toInstant(ZoneOffset.UTC) : pricesAsOf;
        var metalPrices = new EnumMap<Metal, MetalPrice>(Metal.class);
        prices.forEach((metal, perGram) -> metalPrices.put(metal,
                at(priceFields.get(metal), () -> new MetalPrice(metal, currency, perGram, priceSource, asOf))));
        return new ZakatRequest(currency, date, nisabReachedOn, assets, liabilities, new MetalPrices(metalPrices),
                balances, policy);
    }

    private Money money(String field, String text) {
        return at(field, () -> Money.of(Decimals.parse(text, field), currency));
    }

    private static BigDecimal decimal(String field, String text) {
        return Decimals.parse(text, field);
    }

    private static Purity purity(String field, String text) {
        var lower = text.strip().toLowerCase(Locale.ROOT);
        return at(field, () -> lower.endsWith("k")
                ? Purity.karats(Decimals.parse(lower.substring(0, lower.length() - 1), field))
                : Purity.fineness(Decimals.parse(lower, field)));
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InputException(InputException.Code.INVALID_VALUE, field, "'" + text + "' is not a date like 2025-03-01");
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InputException(InputException.Code.INVALID_VALUE, field,
                    "'" + text + "' is not one of " + List.of(type.getEnumConstants()));
        }
    }

    /** Runs a domain conversion, reporting its error against the input's own field name. */
    private static <T> T at(String field, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (FinanceException e) {
            throw e.at(field);
        }
    }
}
