package dev.amanah.donations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.store.FreeText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, strict access to the fields of one JSON object of a request: every accessor either
 * returns a value of the asked type or throws an {@link ApiException} with status 400 naming the
 * field by its dotted path ({@code donor.email}). Codes: {@code UNKNOWN_FIELD},
 * {@code MISSING_FIELD}, {@code WRONG_TYPE}, {@code INVALID_VALUE}, {@code NOT_AN_INTEGER},
 * {@code NUMBER_TOO_LARGE}, {@code TOO_LONG}; free text ({@link #text}) is left to the rule of the
 * service it goes to. Wraps the parsed tree without copying; confined to
 * the request's thread.
 */
public final class Fields {
    private final ObjectNode object;
    private final String path;

    Fields(ObjectNode object, String path) {
        this.object = object;
        this.path = path;
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Refuses any field not in {@code allowed}, so a misspelt field is not silently ignored. */
    public Fields allowOnly(Set<String> allowed) {
        for (var name : (Iterable<String>) () -> object.fieldNames()) {
            if (!allowed.contains(name)) {
                throw ApiError.badRequest("UNKNOWN_FIELD", at(name),
                        "Unknown field; the accepted fields are " + allowed.stream().sorted().toList()).exception();
            }
        }
        return this;
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        var node = object.get(name);
        return node != null && !node.isNull();
    }

    /**
     * A required, non-blank string of at most {@code maxLength} characters without a zero
     * character, without the spaces around it ({@link FreeText#trimmed}, as free text: a tab or a
     * line break there stays, for the field's own rule to refuse).
     */
    public String string(String name, int maxLength) {
        return optionalString(name, maxLength).orElseThrow(() -> missing(name));
    }

    /** An optional string: empty if absent or null; otherwise as {@link #string}. */
    public Optional<String> optionalString(String name, int maxLength) {
        var node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string", node);
        }
        var value = FreeText.trimmed(node.textValue());
        if (value.isEmpty()) {
            throw ApiError.badRequest("INVALID_VALUE", at(name), "Must not be blank").exception();
        }
        if (value.length() > maxLength) {
            throw ApiError.badRequest("TOO_LONG", at(name), "At most " + maxLength + " characters").exception();
        }
        if (value.indexOf('\u0000') >= 0) {
            // PostgreSQL cannot store it in text: refused here, whatever the route, not a 500 at the insert.
            throw ApiError.badRequest("INVALID_VALUE", at(name), "Must not contain a zero character (\\u0000)").exception();
        }
        return Optional.of(value);
    }

    /**
     * Free text a person typed (a reason, a note, a name), without the spaces around it
     * ({@link FreeText#trimmed}: a tab or a line break there stays, to be refused), its content
     * not checked here: blank, too long, control characters (the zero character too) and half
     * surrogate pairs are refused by the service it goes to, by the one rule the staff pages meet
     * too ({@link FreeText}), with that field's own 422 code. So
     * the same text gets the same answer through either door. Required: absent or null is
     * {@code MISSING_FIELD}; not a string {@code WRONG_TYPE}.
     */
    public String text(String name) {
        return optionalText(name).orElseThrow(() -> missing(name));
    }

    /** Optional free text: empty if absent or null; otherwise as {@link #text}, a blank value included. */
    public Optional<String> optionalText(String name) {
        var node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string", node);
        }
        return Optional.of(FreeText.trimmed(node.textValue()));
    }

    /** A required whole number that fits a {@code long}; 2500 and 2500.0 pass, 25.5 does not. */
    public long wholeNumber(String name) {
        var node = object.get(name);
        if (node == null || node.isNull()) {
            throw missing(name);
        }
        if (!node.isNumber()) {
            throw wrongType(name, "a whole number", node);
        }
        BigDecimal value = node.decimalValue();
        if (value.stripTrailingZeros().scale() > 0) {
            throw ApiError.badRequest("NOT_AN_INTEGER", at(name),
                    "Must be a whole number of minor units (cents, pence), got a fraction").exception();
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw ApiError.badRequest("NUMBER_TOO_LARGE", at(name), "Too large a number").exception();
        }
    }

    /** A required nested object. */
    public Fields object(String name) {
        var node = object.get(name);
        if (node == null || node.isNull()) {
            throw missing(name);
        }
        if (!(node instanceof ObjectNode nested)) {
            throw wrongType(name, "an object", node);
        }
        return new Fields(nested, at(name));
    }

    /** A required array of 1 to {@code maxItems} objects, each as {@link #object} ({@code name[i].field} in errors). */
    public List<Fields> objects(String name, int maxItems) {
        var node = object.get(name);
        if (node == null || node.isNull()) {
            throw missing(name);
        }
        if (!(node instanceof ArrayNode array)) {
            throw wrongType(name, "an array", node);
        }
        if (array.isEmpty() || array.size() > maxItems) {
            throw ApiError.badRequest("INVALID_VALUE", at(name), "Must hold 1 to " + maxItems + " items").exception();
        }
        var items = new ArrayList<Fields>(array.size());
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof ObjectNode item)) {
                throw wrongType(name + "[" + i + "]", "an object", array.get(i));
            }
            items.add(new Fields(item, at(name) + "[" + i + "]"));
        }
        return items;
    }

    /** A required non-negative decimal number, exact as written (at most 15 digits before the point, 10 after). */
    public BigDecimal nonNegativeDecimal(String name) {
        var node = object.get(name);
        if (node == null || node.isNull()) {
            throw missing(name);
        }
        if (!node.isNumber()) {
            throw wrongType(name, "a number", node);
        }
        var value = node.decimalValue();
        if (value.signum() < 0 || value.precision() - value.scale() > 15 || value.scale() > 10) {
            throw ApiError.badRequest("INVALID_VALUE", at(name),
                    "Must be a number from 0, at most 15 digits before the point and 10 after").exception();
        }
        return value;
    }

    private ApiException missing(String name) {
        return ApiError.badRequest("MISSING_FIELD", at(name), "This field is required").exception();
    }

    private ApiException wrongType(String name, String expected, JsonNode got) {
        return ApiError.badRequest("WRONG_TYPE", at(name),
                "Must be " + expected + ", got " + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT)).exception();
    }
}
