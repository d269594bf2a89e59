package dev.amanah.donations.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML or JSON document into a tree whose numbers are kept as the text they were written
 * as: every scalar but {@code true}, {@code false} and null becomes a text node holding the scalar
 * exactly as written, for the reader of each field to parse by its own rules. A key given twice
 * in one mapping is refused (a parse error naming it), never read last-wins.
 *
 * <p>Why: Jackson's own tree holds a number as the value its format reads. YAML 1.1 reads
 * {@code 0500} as octal 320, {@code 0x1F} as 31 and {@code 1_000} as 1000, silently; a float
 * becomes a {@code double} unless configured otherwise; and JSON's {@code 1e100000000} expands to
 * a hundred million digits once written out. Stateless.
 */
public final class TextTree {
    private TextTree() {
    }

    /**
     * The document's first value, or null for an empty document.
     *
     * @param factory a {@code YAMLFactory} or a {@code JsonFactory}
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException}) if the
     *                     text is not valid in that format
     */
    public static JsonNode read(JsonFactory factory, String content) throws IOException {
        try (var parser = factory.createParser(content)) {
            return parser.nextToken() == null ? null : value(parser);
        }
    }

    /**
     * What {@link #read} found wrong, in one line: where ({@code line L, column C: }, counted
     * from 1, where the parser knows it) and what. A YAML parser's own message runs over several
     * lines, quoting the document's line and pointing at the place with a caret, and puts the
     * place of its context (the mapping or scalar it was reading) before that of the problem.
     */
    public static String problem(JsonProcessingException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                var mark = yaml.getProblemMark();
                var context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
                return oneLine("line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                        + yaml.getProblem() + context);
            }
        }
        var at = failure.getLocation();
        var where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return oneLine(where + failure.getOriginalMessage());
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static JsonNode value(JsonParser parser) throws IOException {
        var nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                var object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    var key = parser.currentName();
                    if (object.has(key)) {
                        // YAML forbids it and JSON leaves it undefined; read last-wins, the first
                        // value (a whole section, a debt) would be dropped without a word.
                        throw new JsonParseException(parser, "the key '" + key + "' is given twice in one mapping");
                    }
                    parser.nextToken();
                    object.set(key, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> nodes.textNode(parser.getText());
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> nodes.nullNode();
            // a YAML !!binary scalar, or a token a well-formed document does not put here
            default -> throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        };
    }
}
