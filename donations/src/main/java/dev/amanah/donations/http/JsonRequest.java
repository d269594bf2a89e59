package dev.amanah.donations.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads a request body as one JSON object, refusing before anything else happens: a body over the
 * size limit ({@code 413 PAYLOAD_TOO_LARGE}, checked on {@code Content-Length} and again while
 * reading, so a chunked body cannot slip past), a content type other than JSON
 * ({@code 415 UNSUPPORTED_MEDIA_TYPE}), bytes that are not UTF-8 ({@code 400 MALFORMED_UTF8}),
 * text that is not JSON or has trailing content or duplicate keys ({@code 400 MALFORMED_JSON}),
 * a number over 40 digits ({@code 400 NUMBER_TOO_LARGE}), objects and arrays nested more than 32
 * deep ({@code 400 NESTING_TOO_DEEP}), a string or field name past {@link Json}'s limits
 * ({@code 400 TOO_LONG}), a document that is not an object ({@code 400 EXPECTED_OBJECT}). Stateless; every method is thread-safe.
 */
public final class JsonRequest {
    private JsonRequest() {
    }

    /**
     * The body of {@code request} as a JSON object.
     *
     * @param maxBytes the largest body accepted
     * @throws ApiException for every refusal listed in the class comment
     */
    public static Fields read(ServerRequest request, int maxBytes) {
        requireJsonContentType(request);
        var declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return parse(readLimited(request, maxBytes, declared));
    }

    /** Parses {@code body} (the raw bytes) as {@link #read} does, without the size and type checks. */
    public static Fields parse(byte[] body) {
        if (isPlainAscii(body)) {
            // The common case, parsed from the bytes as they are: plain ASCII is valid UTF-8, each
            // byte one character, so the answers (and the columns in errors) are those of the text.
            if (isBlank(body)) {
                throw emptyBody();
            }
            return object(() -> Json.MAPPER.readTree(body));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest("MALFORMED_UTF8", null, "The request body is not valid UTF-8").exception();
        }
        if (text.isBlank()) {
            throw emptyBody();
        }
        return object(() -> Json.MAPPER.readTree(text));
    }

    /**
     * Whether every byte is printable ASCII or a tab or line break. No other control character: a
     * zero byte would make Jackson guess UTF-16 or UTF-32 from the bytes, where the text is refused.
     */
    private static boolean isPlainAscii(byte[] body) {
        for (byte b : body) {
            boolean printable = b >= 0x20 && b < 0x7F;
            if (!printable && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Whether plain ASCII {@code body} is only whitespace, as {@link String#isBlank()} says of its text. */
    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace((char) b)) {
                return false;
            }
        }
        return true;
    }

    private static ApiException emptyBody() {
        return ApiError.badRequest("EMPTY_BODY", null, "The request needs a JSON object as its body").exception();
    }

    /** A document read by Jackson. */
    private interface Document {
        JsonNode read() throws IOException;
    }

    private static Fields object(Document document) {
        try {
            var node = document.read();
            if (!(node instanceof ObjectNode object)) {
                throw ApiError.badRequest("EXPECTED_OBJECT", null,
                        "The body must be a JSON object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT)).exception();
            }
            return new Fields(object, "");
        } catch (StreamConstraintsException e) {
            throw limitExceeded(e);
        } catch (JacksonException e) {
            var where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            var what = e.getOriginalMessage().startsWith("Duplicate field") ? "a duplicate field" : "malformed JSON";
            throw ApiError.badRequest("MALFORMED_JSON", null, "The body is not a valid JSON document: " + what + where).exception();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a request body held in memory", e);
        }
    }

    /**
     * The refusal for a body past one of {@link Json}'s read limits. Jackson tells which only in
     * its message, which names the limit's getter (e.g. "from
     * `StreamReadConstraints.getMaxNestingDepth()`"); the limits set there other than nesting and
     * numbers bound lengths of strings and names.
     */
    private static ApiException limitExceeded(StreamConstraintsException e) {
        var message = String.valueOf(e.getOriginalMessage());
        if (message.contains("getMaxNestingDepth")) {
            return ApiError.badRequest("NESTING_TOO_DEEP", null,
                    "The body is nested more than " + Json.MAX_NESTING_DEPTH + " levels deep").exception();
        }
        if (message.contains("getMaxNumberLength")) {
            return ApiError.badRequest("NUMBER_TOO_LARGE", null,
                    "The body holds a number of more than " + Json.MAX_NUMBER_DIGITS + " digits").exception();
        }
        return ApiError.badRequest("TOO_LONG", null, "The body holds a string or field name too long for JSON input"
                + " (strings up to " + Json.MAX_STRING_LENGTH + " characters, names up to " + Json.MAX_NAME_LENGTH + ")").exception();
    }

    private static void requireJsonContentType(ServerRequest request) {
        var type = request.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        var mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the body as JSON with the header Content-Type: application/json", "Content-Type").exception();
        }
    }

    private static byte[] readLimited(ServerRequest request, int maxBytes, OptionalLong declared) {
        // Helidon ends the stream at a declared length: a buffer of that size will do, not the limit's.
        int expected = declared.isPresent() ? (int) declared.getAsLong() : maxBytes;
        try (InputStream in = request.content().inputStream()) {
            var body = in.readNBytes(expected + 1);
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiError(413, "PAYLOAD_TOO_LARGE", "The body is larger than " + maxBytes + " bytes", null).exception();
    }
}
