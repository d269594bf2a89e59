package dev.amanah.donations.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.amanah.donations.files.Unreadable;
import dev.amanah.donations.fraud.FraudConfig;
import dev.amanah.donations.fraud.FraudRule;
import dev.amanah.donations.net.AddressRange;
import dev.amanah.donations.net.TrustedProxies;
import dev.amanah.donations.staff.StaffAccount;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.AcceptedCurrencies;
import dev.amanah.finance.money.Currencies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration: the bundled defaults ({@code defaults.yaml} beside this class, which
 * documents every key), then an optional YAML file, then environment variables, each layer
 * overriding the one before.
 *
 * <h2>Environment variables</h2>
 * A key's variable is {@code AMANAH_} followed by its dotted path in upper case, with each dot and
 * each change from a lower-case letter or a digit to an upper-case letter turned into an
 * underscore: {@code http.port} is {@code AMANAH_HTTP_PORT}, {@code fraud.cardAttempts.reviewAt} is
 * {@code AMANAH_FRAUD_CARD_ATTEMPTS_REVIEW_AT}, {@code fraud.ip48Attempts.reviewAt} is
 * {@code AMANAH_FRAUD_IP48_ATTEMPTS_REVIEW_AT}.
 * A list takes comma-separated items ({@code AMANAH_DONATIONS_CURRENCIES=GBP,USD}). A variable
 * that starts like a section ({@code AMANAH_HTTP_...}) but names no key is an error, so a typo is
 * not silently ignored. One variable names no key: {@code AMANAH_MAIL_PASSWORD}, the SMTP password,
 * which is read from the environment only (a file that sets {@code mail.password} is refused).
 *
 * <p>Every failure is a {@link ConfigException} naming the key and where its value came from.
 * Stateless and thread-safe.
 */
public final class ConfigLoader {
    /** Values are read as written (see {@link TextTree}): a password 0123 or a pool size 010 is not octal. */
    private static final YAMLFactory YAML = new YAMLFactory();

    /** The one variable that is no key of the tree: the SMTP password, which no file may hold. */
    static final String MAIL_PASSWORD_VARIABLE = "AMANAH_MAIL_PASSWORD";

    /** Keys not read, each with why and what to write instead; setting one stops the start with that. */
    private static final Map<String, String> RETIRED = retired();

    private ConfigLoader() {
    }

    private static Map<String, String> retired() {
        var retired = new HashMap<String, String>();
        retired.put(SmallAmountsReader.RETIRED, SmallAmountsReader.RETIRED_WHY);
        // A file names the retired mapping (fraud.donorAttempts), a variable one of its leaves.
        for (var counted : List.of("Attempts", "DistinctCards")) {
            for (var leaf : List.of("", ".window", ".reviewAt", ".denyAt")) {
                var replacement = "fraud.email" + counted + leaf;
                retired.put("fraud.donor" + counted + leaf, "no longer read: a donor is known by their e-mail address"
                        + " alone, so it counted again what " + replacement + " counts and one attempt reached both;"
                        + " set " + replacement + " instead (see defaults.yaml)");
            }
        }
        // A file is read by more people than a variable and ends up in backups and repositories.
        retired.put("mail.password", "a password is not read from a file; set the environment variable "
                + MAIL_PASSWORD_VARIABLE + " instead");
        return Map.copyOf(retired);
    }

    /** The environment variable that overrides {@code key}. */
    public static String environmentName(String key) {
        var name = new StringBuilder("AMANAH_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(key.charAt(i - 1)) || Character.isDigit(key.charAt(i - 1)))) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }

    /** The defaults alone. */
    public static AmanahConfig defaults() {
        return load(Optional.empty(), Map.of());
    }

    /**
     * Loads the configuration.
     *
     * @param file        a YAML file laid over the defaults, if any; it must exist
     * @param environment the environment variables ({@code System.getenv()} in production)
     * @throws ConfigException for an unreadable file, an unknown key or a bad value
     */
    public static AmanahConfig load(Optional<Path> file, Map<String, String> environment) {
        var tree = new ConfigTree(readDefaults(), RETIRED);
        file.ifPresent(path -> tree.overlay(readFile(path), path.toString()));
        var variables = new HashMap<>(environment);
        var mailPassword = variables.remove(MAIL_PASSWORD_VARIABLE);
        applyEnvironment(tree, variables);
        return build(tree, mailPassword == null ? "" : mailPassword);
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("defaults.yaml is missing from the class path");
            }
            return (ObjectNode) TextTree.read(YAML, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readFile(Path path) {
        try {
            var node = TextTree.read(YAML, Files.readString(path));
            if (node == null) {
                return JsonNodeFactory.instance.objectNode();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("(file)", path.toString(), "not valid YAML: " + TextTree.problem(e));
        } catch (IOException e) {
            throw new ConfigException("(file)", path.toString(), Unreadable.why(path, e));
        }
    }

    private static void applyEnvironment(ConfigTree tree, Map<String, String> environment) {
        var known = new java.util.HashMap<String, String>();
        for (var key : tree.leafKeys()) {
            known.put(environmentName(key), key);
        }
        var retiredByVariable = new java.util.HashMap<String, String>();
        for (var key : RETIRED.keySet()) {
            retiredByVariable.put(environmentName(key), key);
        }
        for (var variable : environment.entrySet()) {
            var key = known.get(variable.getKey());
            if (key != null) {
                tree.set(key, variable.getValue(), variable.getKey());
            } else if (retiredByVariable.containsKey(variable.getKey())) {
                var retired = retiredByVariable.get(variable.getKey());
                throw new ConfigException(retired, variable.getKey(), RETIRED.get(retired));
            } else if (looksLikeOurs(tree, variable.getKey())) {
                var near = NearestKeys.to(variable.getKey(), new java.util.TreeSet<>(known.keySet()));
                throw new ConfigException(variable.getKey(), "the environment", "no such configuration key ("
                        + (near.isEmpty() ? "see defaults.yaml for the keys" : "did you mean " + String.join(" or ", near) + "?") + ")");
            }
        }
    }

    private static boolean looksLikeOurs(ConfigTree tree, String variable) {
        return tree.sections().stream()
                .anyMatch(section -> variable.startsWith("AMANAH_" + section.toUpperCase(Locale.ROOT) + "_"));
    }

    private static AmanahConfig build(ConfigTree tree, String mailPassword) {
        var database = new AmanahConfig.Database(
                databaseUrl(tree),
                directory(tree, "database.dataDir"),
                tree.string("database.user"),
                tree.string("database.password"),
                tree.integer("database.poolSize", 1, 200));
        var http = new AmanahConfig.Http(
                nonEmpty(tree, "http.host"),
                tree.integer("http.port", 0, 65535),
                tree.integer("http.maxBodyBytes", 256, 16 * 1024 * 1024),
                tree.duration("http.shutdownGrace"),
                tree.integer("http.maxEventStreams", 1, 100_000),
                tree.bool("http.secureCookies"),
                trustedProxies(tree));
        var limits = new AmanahConfig.Timeouts(
                tree.positiveDuration("timeouts.validation"),
                tree.positiveDuration("timeouts.request"),
                tree.positiveDuration("timeouts.admission"),
                tree.positiveDuration("timeouts.shutdown"));
        var donations = donations(tree);
        var fraud = fraud(tree, donations.currencies());
        var latencyMin = tree.duration("gateway.latencyMin");
        var latencyMax = tree.duration("gateway.latencyMax");
        if (latencyMax.compareTo(latencyMin) < 0) {
            throw new ConfigException("gateway.latencyMax", tree.source("gateway.latencyMax"),
                    "must be at least gateway.latencyMin (" + latencyMin.toMillis() + "ms)");
        }
        var timeouts = tree.integer("gateway.timeoutPerMille", 0, 1000);
        var serverErrors = tree.integer("gateway.serverErrorPerMille", 0, 1000);
        var lostResponses = tree.integer("gateway.lostResponsePerMille", 0, 1000);
        if (timeouts + serverErrors + lostResponses > 1000) {
            throw new ConfigException("gateway.lostResponsePerMille", tree.source("gateway.lostResponsePerMille"),
                    "the three failure rates must add up to at most 1000 per mille");
        }
        var gateway = new AmanahConfig.Gateway(
                tree.longValue("gateway.seed"), latencyMin, latencyMax, timeouts, serverErrors, lostResponses,
                tree.bool("gateway.fsync"),
                tree.integer("gateway.maxAttempts", 1, 3),
                tree.duration("gateway.backoffBase"),
                backoffMax(tree),
                tree.integer("gateway.breakerFailures", 1, 1000),
                tree.positiveDuration("gateway.breakerOpenFor"));
        var distribution = new AmanahConfig.Distribution(tree.integer("distribution.maxConcurrency", 1, 1000),
                tree.positiveDuration("distribution.payoutTimeout"), tree.integer("distribution.maxRecipients", 1, 100_000));
        return new AmanahConfig(database, http, donations, limits, fraud, gateway, staff(tree), distribution,
                receipts(tree, mailPassword));
    }

    /**
     * A directory key as an absolute, normalised path: a relative one is resolved here, once,
     * against the working directory, so that every line naming it says where it really is (under
     * systemd without a WorkingDirectory, {@code ./data} is {@code /data}).
     */
    private static Path directory(ConfigTree tree, String key) {
        return Path.of(nonEmpty(tree, key)).toAbsolutePath().normalize();
    }

    /**
     * Empty (the SQLite file in {@code database.dataDir}), {@code jdbc:sqlite:<file>} or
     * {@code jdbc:postgresql:...}: what the store can open. Anything else is refused here, as a bad
     * value, without echoing it (a URL may carry a password). An SQLite file is resolved as a
     * {@linkplain #directory directory key} is, so the start line and every error name the file
     * really opened.
     */
    private static String databaseUrl(ConfigTree tree) {
        var url = tree.string("database.url").strip();
        var sqlite = "jdbc:sqlite:";
        if (url.startsWith(sqlite) && url.length() > sqlite.length()) {
            try {
                return sqlite + Path.of(url.substring(sqlite.length())).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new ConfigException("database.url", tree.source("database.url"),
                        "jdbc:sqlite:<file> names no file this system can open (" + e.getReason() + ")");
            }
        }
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("database.url", tree.source("database.url"),
                    "must be empty (SQLite in database.dataDir), jdbc:sqlite:<file> or jdbc:postgresql://host:port/database");
        }
        return url;
    }

    /** Addresses or blocks ({@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code fd00::/8}); host names are refused (not looked up). */
    private static TrustedProxies trustedProxies(ConfigTree tree) {
        var ranges = new ArrayList<AddressRange>();
        for (var entry : tree.stringsOrNone("http.trustedProxies")) {
            try {
                ranges.add(AddressRange.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("http.trustedProxies", tree.source("http.trustedProxies"), e.getMessage());
            }
        }
        return new TrustedProxies(ranges);
    }

    private static AmanahConfig.Staff staff(ConfigTree tree) {
        var accounts = new ArrayList<StaffAccount>();
        var names = new HashSet<String>();
        for (var entry : tree.stringsOrNone("staff.accounts")) {
            try {
                var account = StaffAccount.parse(entry);
                if (!names.add(account.username())) {
                    throw new IllegalArgumentException("staff account " + account.username() + " appears twice");
                }
                accounts.add(account);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("staff.accounts", tree.source("staff.accounts"), e.getMessage());
            }
        }
        return new AmanahConfig.Staff(accounts);
    }

    private static AmanahConfig.Receipts receipts(ConfigTree tree, String mailPassword) {
        var organisation = new AmanahConfig.Organisation(nonEmpty(tree, "organisation.name"),
                nonEmpty(tree, "organisation.address"), nonEmpty(tree, "organisation.charityNumber"));
        var prefix = nonEmpty(tree, "receipts.serialPrefix");
        if (!prefix.matches("[A-Za-z0-9]{1,8}")) {
            throw new ConfigException("receipts.serialPrefix", tree.source("receipts.serialPrefix"),
                    "must be 1 to 8 letters or digits, got '" + prefix + "'");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(nonEmpty(tree, "receipts.zone"));
        } catch (DateTimeException e) {
            throw new ConfigException("receipts.zone", tree.source("receipts.zone"),
                    "must be a time zone such as UTC or Europe/London, got '" + tree.string("receipts.zone") + "'");
        }
        var backoffBase = tree.positiveDuration("mail.backoffBase");
        var backoffMax = tree.positiveDuration("mail.backoffMax");
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new ConfigException("mail.backoffMax", tree.source("mail.backoffMax"),
                    "must be at least mail.backoffBase (" + backoffBase.toMillis() + "ms)");
        }
        var username = tree.string("mail.username").strip();
        var enabled = tree.bool("mail.enabled");
        // With mail off nothing authenticates: a file shared with a host that sends no mail may name
        // a user whose password that host is not given.
        if (enabled && username.isEmpty() != mailPassword.isEmpty()) {
            throw username.isEmpty()
                    ? new ConfigException("mail.username", tree.source("mail.username"),
                            "must be set when " + MAIL_PASSWORD_VARIABLE + " is: a password needs the user it is for")
                    : new ConfigException("mail.username", tree.source("mail.username"),
                            "needs its password in the environment variable " + MAIL_PASSWORD_VARIABLE + ", which is not set");
        }
        var mail = new AmanahConfig.Mail(enabled, nonEmpty(tree, "mail.smtpHost"),
                tree.integer("mail.smtpPort", 1, 65535), nonEmpty(tree, "mail.from"), tree.positiveDuration("mail.timeout"),
                tree.integer("mail.maxAttempts", 1, 100), backoffBase, backoffMax, mailSecurity(tree), username, mailPassword,
                TrustedCertificatesReader.read(tree));
        return new AmanahConfig.Receipts(organisation, tree.bool("receipts.enabled"), prefix, zone,
                directory(tree, "receipts.outputDir"), mail);
    }

    /** {@code mail.security}, one of none, starttls, tls (any case). */
    private static AmanahConfig.MailSecurity mailSecurity(ConfigTree tree) {
        var text = tree.string("mail.security").strip();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> AmanahConfig.MailSecurity.NONE;
            case "starttls" -> AmanahConfig.MailSecurity.STARTTLS;
            case "tls" -> AmanahConfig.MailSecurity.TLS;
            default -> throw new ConfigException("mail.security", tree.source("mail.security"),
                    "must be one of none, starttls, tls, got '" + text + "'");
        };
    }

    /** The most minor units donations.maxAmount may come to: a million of them still fit a long. */
    static final long MAX_AMOUNT_MINOR = Long.MAX_VALUE / 1_000_000;

    private static AmanahConfig.Donations donations(ConfigTree tree) {
        AcceptedCurrencies currencies;
        try {
            currencies = AcceptedCurrencies.of(tree.strings("donations.currencies").toArray(String[]::new));
        } catch (FinanceException e) {
            throw new ConfigException("donations.currencies", tree.source("donations.currencies"), e.detail());
        }
        var min = tree.positiveDecimal("donations.minAmount");
        var max = tree.positiveDecimal("donations.maxAmount");
        if (max.compareTo(min) < 0) {
            throw new ConfigException("donations.maxAmount", tree.source("donations.maxAmount"),
                    "must be at least donations.minAmount (" + min.toPlainString() + ")");
        }
        // Every sum of donations (a campaign's total, a clearing account, a month's report) is a
        // long of minor units. A limit that left room for only a few donations of the largest size
        // would let ordinary use break those sums; a million keeps them out of reach.
        // The currency with the most decimals has the lowest ceiling; ties by code, so the error is stable.
        var tightest = currencies.currencies().stream()
                .min(Comparator.comparingInt((Currency c) -> -Currencies.scale(c)).thenComparing(Currency::getCurrencyCode));
        if (tightest.isPresent()) {
            var currency = tightest.get();
            var ceiling = BigDecimal.valueOf(MAX_AMOUNT_MINOR, Currencies.scale(currency));
            if (max.compareTo(ceiling) > 0) {
                throw new ConfigException("donations.maxAmount", tree.source("donations.maxAmount"),
                        "must be at most " + ceiling.toPlainString() + " for " + currency.getCurrencyCode()
                                + " (a million donations of the largest size must fit the " + Long.MAX_VALUE
                                + " minor units a campaign's total can hold)");
            }
        }
        return new AmanahConfig.Donations(currencies, min, max, tree.integer("donations.maxInFlight", 1, 100_000));
    }

    private static AmanahConfig.Fraud fraud(ConfigTree tree, AcceptedCurrencies currencies) {
        var limits = new EnumMap<FraudRule, FraudConfig.Limit>(FraudRule.class);
        for (var rule : FraudRule.values()) {
            var prefix = "fraud." + camelCase(rule.name());
            var review = tree.integer(prefix + ".reviewAt", 1, 1_000_000);
            var deny = tree.integer(prefix + ".denyAt", 1, 1_000_000);
            if (deny < review) {
                throw new ConfigException(prefix + ".denyAt", tree.source(prefix + ".denyAt"),
                        "must be at least " + prefix + ".reviewAt (" + review + ")");
            }
            limits.put(rule, new FraudConfig.Limit(tree.positiveDuration(prefix + ".window"), review, deny));
        }
        var rates = FraudRatesReader.read(tree);
        return new AmanahConfig.Fraud(limits, SmallAmountsReader.read(tree, currencies, rates.rates().rates()), rates,
                tree.integer("fraud.maxTrackedKeys", 1, 10_000_000));
    }

    /** {@code CARD_ATTEMPTS} as the key {@code cardAttempts}. */
    static String camelCase(String constant) {
        var key = new StringBuilder();
        for (var word : constant.toLowerCase(Locale.ROOT).split("_")) {
            key.append(key.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return key.toString();
    }

    private static java.time.Duration backoffMax(ConfigTree tree) {
        var base = tree.duration("gateway.backoffBase");
        var max = tree.duration("gateway.backoffMax");
        if (max.compareTo(base) < 0) {
            throw new ConfigException("gateway.backoffMax", tree.source("gateway.backoffMax"),
                    "must be at least gateway.backoffBase (" + base.toMillis() + "ms)");
        }
        return max;
    }

    private static String nonEmpty(ConfigTree tree, String key) {
        var value = tree.string(key).strip();
        if (value.isEmpty()) {
            throw new ConfigException(key, tree.source(key), "must not be empty");
        }
        return value;
    }
}
