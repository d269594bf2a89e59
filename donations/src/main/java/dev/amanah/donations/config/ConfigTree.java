package dev.amanah.donations.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Decimals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration as a tree of keys, each leaf remembering where its value came from, with
 * typed readers that fail with a {@link ConfigException} naming key and source. Layers are
 * applied in order over the defaults; a key the defaults lack is an error. Not thread-safe: built
 * and read by the loader alone.
 */
final class ConfigTree {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    /** The longest duration a key takes; far beyond any sensible setting, far within a long of nanoseconds. */
    static final Duration MAX_DURATION = Duration.ofDays(365);

    private final ObjectNode root;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, String> retired;

    /**
     * @param defaults every key with its default
     * @param retired  keys no longer read, each with why and what to write instead: a layer that
     *                 sets one is refused with that, not a bare "unknown key"
     */
    ConfigTree(ObjectNode defaults, Map<String, String> retired) {
        this.root = defaults.deepCopy();
        this.retired = Map.copyOf(retired);
        for (var key : leafKeys()) {
            sources.put(key, "defaults");
        }
    }

    /** The dotted paths of every leaf (a scalar or a list), in document order. */
    List<String> leafKeys() {
        var keys = new ArrayList<String>();
        collect(root, "", keys);
        return keys;
    }

    private static void collect(JsonNode node, String prefix, List<String> keys) {
        for (var field : node.properties()) {
            var key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                collect(field.getValue(), key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** Lays {@code layer} (a parsed file) over the tree; {@code source} names it in errors. */
    void overlay(JsonNode layer, String source) {
        if (!layer.isObject()) {
            throw new ConfigException("(file)", source, "must be a mapping of keys, got " + layer.getNodeType());
        }
        overlay(root, (ObjectNode) layer, "", source);
    }

    private void overlay(ObjectNode target, ObjectNode layer, String prefix, String source) {
        for (var field : layer.properties()) {
            var key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            var current = target.get(field.getKey());
            if (current == null) {
                throw new ConfigException(key, source, retired.getOrDefault(key, unknown(target, prefix, field.getKey())));
            }
            var value = field.getValue();
            if (current.isObject()) {
                if (!value.isObject()) {
                    throw new ConfigException(key, source, "must be a mapping of keys");
                }
                overlay((ObjectNode) current, (ObjectNode) value, key, source);
            } else {
                if (value.isObject()) {
                    throw new ConfigException(key, source, "must be a single value or a list, not a mapping");
                }
                target.set(field.getKey(), value);
                sources.put(key, source);
            }
        }
    }

    /** "unknown key", with the keys beside it that {@code name} may have meant a slip of. */
    private static String unknown(ObjectNode siblings, String prefix, String name) {
        var names = new ArrayList<String>();
        siblings.fieldNames().forEachRemaining(names::add);
        var near = NearestKeys.to(name, names).stream()
                .map(sibling -> prefix.isEmpty() ? sibling : prefix + "." + sibling)
                .toList();
        return near.isEmpty() ? "unknown key" : "unknown key (did you mean " + String.join(" or ", near) + "?)";
    }

    /** Sets one leaf from an environment variable (a list leaf takes comma-separated items). */
    void set(String key, String text, String source) {
        var parentKey = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
        var parent = parentKey.isEmpty() ? root : (ObjectNode) root.at("/" + parentKey.replace('.', '/'));
        var name = key.substring(key.lastIndexOf('.') + 1);
        if (parent.get(name).isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (var item : text.split(",", -1)) {
                items.add(item.strip());
            }
            parent.set(name, items);
        } else {
            parent.put(name, text);
        }
        sources.put(key, source);
    }

    String source(String key) {
        return sources.getOrDefault(key, "defaults");
    }

    private JsonNode leaf(String key) {
        return root.at("/" + key.replace('.', '/'));
    }

    private ConfigException bad(String key, String expected) {
        var node = leaf(key);
        var shown = node.isValueNode() ? node.asText() : node.toString();
        return new ConfigException(key, source(key), "must be " + expected + ", got '" + shown + "'");
    }

    String string(String key) {
        var node = leaf(key);
        if (!node.isValueNode() || node.isNull()) {
            throw bad(key, "a single value");
        }
        return node.asText();
    }

    int integer(String key, int min, int max) {
        var expected = "an integer from " + min + " to " + max;
        var text = string(key).strip();
        try {
            var value = Long.parseLong(text);
            if (value < min || value > max) {
                throw bad(key, expected);
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw bad(key, expected);
        }
    }

    boolean bool(String key) {
        return switch (string(key).strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "true or false");
        };
    }

    long longValue(String key) {
        try {
            return Long.parseLong(string(key).strip());
        } catch (NumberFormatException e) {
            throw bad(key, "a whole number");
        }
    }

    BigDecimal positiveDecimal(String key) {
        try {
            // Plain notation only, as every decimal the service reads: 1e999999999 would pass
            // BigDecimal and cost gigabytes once scaled.
            var value = Decimals.parse(string(key), key);
            if (value.signum() <= 0) {
                throw bad(key, "a positive decimal number");
            }
            return value;
        } catch (FinanceException e) {
            throw bad(key, "a positive decimal number such as 1 or 0.50");
        }
    }

    /**
     * A duration written {@code 250ms}, {@code 5s}, {@code 10m} or {@code 1h}, at most
     * {@link #MAX_DURATION}: 999999999h fits a {@code Duration} but not a long of nanoseconds,
     * and overflowed where it was used (at shutdown, at a retry), long after the start.
     */
    Duration duration(String key) {
        var matcher = DURATION.matcher(string(key).strip());
        if (!matcher.matches()) {
            throw bad(key, "a duration such as 250ms, 5s, 10m or 1h");
        }
        var amount = Long.parseLong(matcher.group(1));
        var value = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (value.compareTo(MAX_DURATION) > 0) {
            throw bad(key, "a duration of at most " + MAX_DURATION.toHours() + "h (365 days)");
        }
        return value;
    }

    Duration positiveDuration(String key) {
        var value = duration(key);
        if (value.isZero()) {
            throw bad(key, "a duration above zero");
        }
        return value;
    }

    List<String> strings(String key) {
        var node = leaf(key);
        if (!node.isArray()) {
            throw bad(key, "a list");
        }
        var values = new ArrayList<String>();
        for (var item : node) {
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw bad(key, "a list of non-empty values");
            }
            values.add(item.asText().strip());
        }
        if (values.isEmpty()) {
            throw bad(key, "a non-empty list");
        }
        return values;
    }

    /** A list that may be empty; blank items (an empty environment variable) are left out. */
    List<String> stringsOrNone(String key) {
        var node = leaf(key);
        if (!node.isArray()) {
            throw bad(key, "a list");
        }
        var values = new ArrayList<String>();
        for (var item : node) {
            if (!item.isValueNode()) {
                throw bad(key, "a list of values");
            }
            if (!item.asText().isBlank()) {
                values.add(item.asText().strip());
            }
        }
        return values;
    }

    /** The first-level sections, for matching environment variables to keys. */
    Set<String> sections() {
        var names = new java.util.LinkedHashSet<String>();
        root.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
