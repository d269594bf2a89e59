package dev.amanah.donations.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The API's one JSON mapper, strict on input: duplicate keys, trailing content after the
 * document, numbers longer than 40 digits, nesting deeper than 32 levels, strings over 64 Ki
 * characters and field names over 50,000 are errors; floating-point numbers are read as
 * {@link java.math.BigDecimal} (never {@code double}) so a fractional amount can be refused
 * exactly. Its parsers and generators take their buffers from a bounded pool shared by all
 * threads. Thread-safe.
 */
public final class Json {
    /** The most digits a number in a request may have. */
    static final int MAX_NUMBER_DIGITS = 40;
    /** The deepest nesting of objects and arrays a request may have, the outermost object counted. */
    static final int MAX_NESTING_DEPTH = 32;
    /** The longest string value a request may hold, in characters. */
    static final int MAX_STRING_LENGTH = 64 * 1024;
    /** The longest field name a request may hold, in characters: Jackson's default. */
    static final int MAX_NAME_LENGTH = StreamReadConstraints.DEFAULT_MAX_NAME_LEN;

    /** Buffer sets kept for reuse: enough for the requests that read or write JSON at one moment. */
    private static final int RECYCLED_BUFFERS = 64;

    /** The shared mapper; configure nothing on it after start-up. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_DIGITS)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
        // Jackson's default keeps its buffers per thread, which is per request on virtual threads:
        // every parse and write allocated them afresh. A bounded shared pool reuses them.
        MAPPER.getFactory().setRecyclerPool(JsonRecyclerPools.newBoundedPool(RECYCLED_BUFFERS));
    }

    private Json() {
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The compact UTF-8 bytes of {@code node}. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
