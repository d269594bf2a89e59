package dev.amanah.donations.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.amanah.donations.config.TextTree;
import dev.amanah.donations.files.Unreadable;
import dev.amanah.finance.zakat.AssetKind;
import dev.amanah.finance.zakat.Metal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a zakat input file, JSON or YAML (chosen by the extension: {@code .json}, or
 * {@code .yaml}/{@code .yml}), and feeds it to a {@link RequestBuilder}. Field names in errors are
 * the file's own paths ({@code assets[1].grams}). Unknown keys are refused so a typo is not
 * silently ignored. A number is read from the text it is written as, exactly as a flag or a
 * quoted string would be ({@link dev.amanah.finance.money.Decimals#parse}): {@code 0500} is 500
 * (not YAML 1.1's octal 320), {@code 68.40} keeps its scale, and what is not plain decimal
 * notation ({@code 0x1F}, {@code 1_000}, {@code 1e3}) is refused naming the field. A yes/no field
 * must be {@code true} or {@code false}; a list or a mapping where one value belongs is refused
 * naming the field, never read as empty text.
 */
final class InputFile {
    private static final Set<String> TOP = Set.of("currency", "date", "nisabReached", "policy", "prices", "assets",
            "liabilities", "balances");
    private static final Set<String> POLICY = Set.of("nisab", "goldNisabGrams", "silverNisabGrams", "year", "hawl",
            "personalJewelleryZakatable", "fractions");
    private static final Set<String> PRICES = Set.of("gold", "silver", "source", "at");
    private static final Set<String> ASSET = Set.of("kind", "description", "amount", "grams", "purity", "personalUse");
    private static final Set<String> LIABILITY = Set.of("kind", "description", "amount", "monthlyPrincipal",
            "outstandingPrincipal");
    private static final Set<String> BALANCE = Set.of("date", "amount");

    private final JsonNode root;

    private InputFile(JsonNode root) {
        this.root = root;
    }

    /**
     * @throws InputException {@code UNREADABLE_FILE} if the file cannot be read (saying why: no such
     *                        file, a directory, not UTF-8) or parsed (naming the line and column),
     *                        {@code UNKNOWN_FIELD} for a key this format does not have
     */
    static InputFile read(Path path) {
        // A root ("/") has no file name; it is refused below as the directory it is.
        var name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        var factory = name.endsWith(".json") ? new JsonFactory() : new YAMLFactory();
        JsonNode root;
        try {
            root = TextTree.read(factory, Files.readString(path));
        } catch (JsonProcessingException e) {
            throw new InputException(InputException.Code.UNREADABLE_FILE, path.toString(), TextTree.problem(e));
        } catch (IOException e) {
            throw new InputException(InputException.Code.UNREADABLE_FILE, path.toString(), Unreadable.why(path, e));
        }
        if (root == null || !root.isObject()) {
            throw new InputException(InputException.Code.UNREADABLE_FILE, path.toString(), "must hold one object");
        }
        requireKnown(root, "", TOP);
        return new InputFile(root);
    }

    /** The file's currency code, if it has one. */
    String currency() {
        return text(root.get("currency"), "currency");
    }

    void applyTo(RequestBuilder builder) {
        if (root.has("date")) {
            builder.assessmentDate("date", text(root.get("date"), "date"));
        }
        if (root.has("nisabReached")) {
            builder.nisabReachedOn("nisabReached", text(root.get("nisabReached"), "nisabReached"));
        }
        applyPolicy(builder, root.path("policy"));
        applyPrices(builder, root.path("prices"));
        var assets = list(root, "assets");
        for (var i = 0; i < assets.size(); i++) {
            applyAsset(builder, assets.get(i), "assets[" + i + "]");
        }
        var liabilities = list(root, "liabilities");
        for (var i = 0; i < liabilities.size(); i++) {
            applyLiability(builder, liabilities.get(i), "liabilities[" + i + "]");
        }
        var balances = list(root, "balances");
        for (var i = 0; i < balances.size(); i++) {
            var path = "balances[" + i + "]";
            requireKnown(balances.get(i), path + ".", BALANCE);
            builder.balance(path + ".date", path + ".amount", required(balances.get(i), path, "date"),
                    required(balances.get(i), path, "amount"));
        }
    }

    private static void applyPolicy(RequestBuilder builder, JsonNode policy) {
        if (policy.isMissingNode()) {
            return;
        }
        requireKnown(policy, "policy.", POLICY);
        if (policy.has("nisab")) {
            builder.nisabStandard("policy.nisab", text(policy.get("nisab"), "policy.nisab"));
        }
        if (policy.has("year")) {
            builder.yearBasis("policy.year", text(policy.get("year"), "policy.year"));
        }
        if (policy.has("hawl")) {
            builder.hawlRule("policy.hawl", text(policy.get("hawl"), "policy.hawl"));
        }
        if (policy.has("goldNisabGrams") || policy.has("silverNisabGrams")) {
            builder.nisabGrams("policy.goldNisabGrams", text(policy.get("goldNisabGrams"), "policy.goldNisabGrams"),
                    "policy.silverNisabGrams", text(policy.get("silverNisabGrams"), "policy.silverNisabGrams"));
        }
        if (policy.has("personalJewelleryZakatable")) {
            builder.personalJewelleryZakatable(yesNo(policy.get("personalJewelleryZakatable"),
                    "policy.personalJewelleryZakatable"));
        }
        var fractions = policy.path("fractions");
        if (!fractions.isMissingNode() && !fractions.isObject()) {
            throw new InputException(InputException.Code.INVALID_VALUE, "policy.fractions",
                    "must be a mapping of asset kind to fraction, e.g. { INVESTMENT: 0.25 }");
        }
        fractions.properties().forEach(e -> builder.zakatableFraction("policy.fractions." + e.getKey(), e.getKey(),
                text(e.getValue(), "policy.fractions." + e.getKey())));
    }

    private static void applyPrices(RequestBuilder builder, JsonNode prices) {
        if (prices.isMissingNode()) {
            return;
        }
        requireKnown(prices, "prices.", PRICES);
        if (prices.has("source")) {
            builder.priceSource(text(prices.get("source"), "prices.source"));
        }
        if (prices.has("at")) {
            builder.pricesAsOf("prices.at", text(prices.get("at"), "prices.at"));
        }
        for (var metal : Metal.values()) {
            if (prices.has(metal.label())) {
                builder.price(metal, "prices." + metal.label(), text(prices.get(metal.label()), "prices." + metal.label()));
            }
        }
    }

    private static void applyAsset(RequestBuilder builder, JsonNode asset, String path) {
        requireKnown(asset, path + ".", ASSET);
        var kind = required(asset, path, "kind").toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        var description = asset.has("description") ? text(asset.get("description"), path + ".description") : path;
        switch (kind) {
            case "gold", "silver" -> builder.metal(kind.equals("gold") ? Metal.GOLD : Metal.SILVER, path + ".grams",
                    path + ".purity", description, required(asset, path, "grams"), text(asset.get("purity"), path + ".purity"),
                    asset.has("personalUse") && yesNo(asset.get("personalUse"), path + ".personalUse"));
            case "cash", "trade_stock", "receivable", "investment" -> builder.moneyAsset(
                    AssetKind.valueOf(kind.toUpperCase(Locale.ROOT)), path + ".amount", description,
                    required(asset, path, "amount"));
            default -> throw new InputException(InputException.Code.INVALID_VALUE, path + ".kind",
                    "'" + kind + "' is not one of cash, gold, silver, trade_stock, receivable, investment");
        }
    }

    private static void applyLiability(RequestBuilder builder, JsonNode liability, String path) {
        requireKnown(liability, path + ".", LIABILITY);
        var kind = required(liability, path, "kind").toLowerCase(Locale.ROOT);
        var description = liability.has("description") ? text(liability.get("description"), path + ".description") : path;
        switch (kind) {
            case "debt" -> builder.debtDueWithinYear(path + ".amount", description, required(liability, path, "amount"));
            case "arrears" -> builder.arrears(path + ".amount", description, required(liability, path, "amount"));
            case "instalments" -> builder.instalments(path + ".monthlyPrincipal", path + ".outstandingPrincipal",
                    description, required(liability, path, "monthlyPrincipal"),
                    required(liability, path, "outstandingPrincipal"));
            default -> throw new InputException(InputException.Code.INVALID_VALUE, path + ".kind",
                    "'" + kind + "' is not one of debt, instalments, arrears");
        }
    }

    private static ArrayList<JsonNode> list(JsonNode root, String key) {
        var items = new ArrayList<JsonNode>();
        var node = root.path(key);
        if (!node.isMissingNode() && !node.isArray()) {
            throw new InputException(InputException.Code.INVALID_VALUE, key, "must be a list");
        }
        node.forEach(items::add);
        return items;
    }

    private static String required(JsonNode node, String path, String key) {
        var value = text(node.get(key), path + "." + key);
        if (value == null) {
            throw new InputException(InputException.Code.MISSING_INPUT, path + "." + key, "is required");
        }
        return value;
    }

    /**
     * The value as text; a number as it was written (see {@link TextTree}). A list or a mapping is
     * refused: its {@code asText()} is empty, which would read as a blank description or be
     * refused as "'' is not a number", hiding what was wrong.
     */
    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw new InputException(InputException.Code.INVALID_VALUE, field, "must be one value, not a list or a mapping");
        }
        return node.asText();
    }

    /** {@code true} or {@code false}, bare or quoted; anything else (1, yes) is refused rather than read as false. */
    private static boolean yesNo(JsonNode node, String field) {
        var value = text(node, field);
        if (!"true".equals(value) && !"false".equals(value)) {
            throw new InputException(InputException.Code.INVALID_VALUE, field, "'" + value + "' is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static void requireKnown(JsonNode node, String prefix, Set<String> known) {
        if (!node.isObject()) {
            throw new InputException(InputException.Code.INVALID_VALUE, prefix.isEmpty() ? "(file)" : prefix.substring(0, prefix.length() - 1),
                    "must be an object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new InputException(InputException.Code.UNKNOWN_FIELD, prefix + name, "is not a known field; expected one of " + known.stream().sorted().toList());
            }
        });
    }
}
