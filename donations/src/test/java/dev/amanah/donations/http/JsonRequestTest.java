package dev.amanah.donations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link JsonRequest#parse} on both of its ways in: plain ASCII read as bytes, anything else decoded first. */
class JsonRequestTest {

    @Test
    void plainAsciiAndOtherTextParseAlike() {
        var ascii = JsonRequest.parse(utf8("{\"s\": \"abc\",\r\n\t\"n\": 7}")).allowOnly(Set.of("s", "n"));
        var accented = JsonRequest.parse(utf8("{\"s\": \"Aïsha\", \"n\": 7}")).allowOnly(Set.of("s", "n"));

        assertThat(ascii.string("s", 10)).isEqualTo("abc");
        assertThat(ascii.wholeNumber("n")).isEqualTo(7);
        assertThat(accented.string("s", 10)).isEqualTo("Aïsha");
    }

    @Test
    void blankBodiesAreEmptyWhateverTheirWhitespace() {
        assertRefused(utf8(" \t\r\n "), "EMPTY_BODY", "The request needs a JSON object as its body");
        assertRefused(utf8("\u2003"), "EMPTY_BODY", "The request needs a JSON object as its body");
    }

    @Test
    void malformedJsonNamesTheSamePlaceOnEitherWay() {
        // The same mistake, before a non-ASCII character (decoded first) and before none (read as bytes).
        assertRefused(utf8("{\"s\": \"abc\",, \"t\": \"é\"}"), "MALFORMED_JSON",
                "The body is not a valid JSON document: malformed JSON at line 1, column 13");
        assertRefused(utf8("{\"s\": \"abc\",, \"t\": \"e\"}"), "MALFORMED_JSON",
                "The body is not a valid JSON document: malformed JSON at line 1, column 13");
        assertRefused(utf8("{\"s\": \"abc\", \"s\": \"é\"}"), "MALFORMED_JSON",
                "The body is not a valid JSON document: a duplicate field at line 1, column 17");
        assertRefused(utf8("{\"s\": \"abc\", \"s\": \"e\"}"), "MALFORMED_JSON",
                "The body is not a valid JSON document: a duplicate field at line 1, column 17");
    }

    @Test
    void zeroBytesAreNotTakenForAnotherEncoding() {
        // As bytes these would pass for UTF-16 text holding a valid document.
        var utf16Lookalike = "{\"s\":\"a\"}".getBytes(StandardCharsets.UTF_16BE);

        assertThatThrownBy(() -> JsonRequest.parse(utf16Lookalike))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().code()).isEqualTo("MALFORMED_JSON"));
    }

    @Test
    void aStringWithAZeroCharacterIsRefusedForEveryRoute() {
        // PostgreSQL cannot store U+0000 in text: any route's insert would answer 500.
        var fields = JsonRequest.parse(utf8("{\"name\": \"Ramadan\\u0000iftar\", \"note\": \"ok\"}"));

        assertThatThrownBy(() -> fields.string("name", 100)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().code()).isEqualTo("INVALID_VALUE");
            assertThat(e.error().field()).isEqualTo("name");
        });
        assertThatThrownBy(() -> fields.optionalString("name", 100)).isInstanceOf(ApiException.class);
        assertThat(fields.string("note", 100)).isEqualTo("ok");
    }

    @Test
    void brokenUtf8IsRefusedAsSuch() {
        assertRefused(new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                "MALFORMED_UTF8", "The request body is not valid UTF-8");
    }

    @Test
    void eachJsonLimitIsReportedAsItself() {
        var tooDeep = "{\"a\": " + "[".repeat(32) + "]".repeat(32) + "}"; // 33 levels with the object
        var deepEnough = "{\"a\": " + "[".repeat(31) + "]".repeat(31) + "}";
        var longNumber = "{\"n\": " + "9".repeat(41) + "}";
        var longString = "{\"s\": \"" + "x".repeat(64 * 1024 + 1) + "\"}";
        var longName = "{\"" + "k".repeat(50_001) + "\": 1}";

        assertThat(JsonRequest.parse(utf8(deepEnough)).allowOnly(Set.of("a"))).isNotNull();
        assertRefused(utf8(tooDeep), "NESTING_TOO_DEEP", "The body is nested more than 32 levels deep");
        assertRefused(utf8(tooDeep.replace("[", "[\"é\",")), "NESTING_TOO_DEEP", "The body is nested more than 32 levels deep");
        assertRefused(utf8(longNumber), "NUMBER_TOO_LARGE", "The body holds a number of more than 40 digits");
        assertRefused(utf8(longString), "TOO_LONG", "The body holds a string or field name too long for JSON input"
                + " (strings up to 65536 characters, names up to 50000)");
        assertRefused(utf8(longName), "TOO_LONG", "The body holds a string or field name too long for JSON input"
                + " (strings up to 65536 characters, names up to 50000)");
    }

    private static void assertRefused(byte[] body, String code, String message) {
        assertThatThrownBy(() -> JsonRequest.parse(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().status()).isEqualTo(400);
            assertThat(e.error().code()).isEqualTo(code);
            assertThat(e.error().message()).isEqualTo(message);
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
