package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amanah.donations.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes {@code POST /api/donations} with requests that are each broken in one way (a wrong type,
 * a huge number, negative or fractional minor units, an unknown or missing field, broken UTF-8,
 * an oversized or truncated body, an unknown currency or fund type) against a real service over
 * HTTP. Every answer must be a 4xx with a stable error code and a message, never a 500, and
 * nothing may be written: no idempotency key, no donation, no ledger entry, no charge.
 */
class DonationApiFuzzProperties {
    private static final List<String> STRING_FIELDS = List.of("campaignId", "currency", "fundType", "paymentToken");
    private static final List<String> REQUIRED = List.of("campaignId", "amountMinor", "currency", "fundType", "donor", "paymentToken");
    private static final int MAX_BODY = 2048;

    private static Path dir;
    private static AmanahService service;
    private static Api api;

    /** One way to break a valid request. */
    sealed interface Breakage {
    }

    record WrongType(String field, JsonNode value) implements Breakage {
    }

    record BadAmount(JsonNode value) implements Breakage {
    }

    record UnknownField(String name, JsonNode value) implements Breakage {
    }

    record Missing(String field) implements Breakage {
    }

    record BrokenUtf8(String field, int at, byte[] bad) implements Breakage {
    }

    record Oversized(int extra) implements Breakage {
    }

    record Truncated(int keep) implements Breakage {
    }

    record BadCode(String field, String value) implements Breakage {
    }

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("amanah-fuzz");
        service = AmanahService.start(TestServices.config(dir, Map.of("AMANAH_HTTP_MAX_BODY_BYTES", Integer.toString(MAX_BODY))),
                Clock.systemUTC());
        api = new Api(service.port());
        api.activeCampaign("ramadan");
    }

    @AfterContainer
    static void stop() throws IOException {
        service.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 400)
    void everyBrokenRequestIsAClear4xxAndWritesNothing(@ForAll("breakages") Breakage breakage) {
        var reply = api.post("/api/donations", body(breakage), "fuzz-" + UUID.randomUUID());

        assertThat(reply.status()).as("%s -> %s", breakage, reply.body()).isBetween(400, 499);
        var json = reply.json();
        assertThat(json.path("error").asText()).as(reply.body()).matches("[A-Z][A-Z0-9_]+");
        assertThat(json.path("message").asText()).as(reply.body()).isNotBlank();
        assertThat(json.has("field")).as(reply.body()).isTrue();
        assertThat(rows("idempotency_keys") + rows("donations") + rows("ledger_entries")).as(breakage.toString()).isZero();
        assertThat(service.sandbox().chargeCounts()).isEmpty();
    }

    @Provide
    Arbitrary<Breakage> breakages() {
        var anyField = Arbitraries.of(REQUIRED);
        var wrongForString = Arbitraries.of(List.<JsonNode>of(JsonNodeFactory.instance.numberNode(7),
                JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode().add("x"),
                JsonNodeFactory.instance.objectNode().put("a", 1), JsonNodeFactory.instance.nullNode()));
        var wrongForAmount = Arbitraries.of(List.<JsonNode>of(JsonNodeFactory.instance.textNode("2500"),
                JsonNodeFactory.instance.booleanNode(false), JsonNodeFactory.instance.arrayNode().add(2500),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.nullNode()));
        var wrongType = Combinators.combine(Arbitraries.of(STRING_FIELDS), wrongForString).as(WrongType::new);
        var wrongAmountType = wrongForAmount.map(value -> (Breakage) new WrongType("amountMinor", value));
        var wrongDonor = wrongForString.filter(value -> !value.isObject()).map(value -> (Breakage) new WrongType("donor", value));
        var negative = Arbitraries.longs().between(Long.MIN_VALUE, 0).map(n -> (JsonNode) JsonNodeFactory.instance.numberNode(n));
        var fractional = Arbitraries.longs().between(-1_000_000, 1_000_000)
                .map(n -> (JsonNode) JsonNodeFactory.instance.numberNode(new BigDecimal(n).add(new BigDecimal("0.5"))));
        var huge = Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TEN.pow(39))
                .map(n -> (JsonNode) JsonNodeFactory.instance.numberNode(n));
        var exponent = Arbitraries.integers().between(20, 400)
                .map(e -> (JsonNode) JsonNodeFactory.instance.numberNode(new BigDecimal("1E" + e)));
        var badAmount = Arbitraries.oneOf(negative, fractional, huge, exponent).map(BadAmount::new);
        var unknown = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
                        .filter(name -> !REQUIRED.contains(name) && !name.equals("amount")), wrongForString)
                .as(UnknownField::new);
        var missing = anyField.map(Missing::new);
        var brokenUtf8 = Combinators.combine(Arbitraries.of(STRING_FIELDS), Arbitraries.integers().between(0, 3),
                Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28}, new byte[] {(byte) 0x80})).as(BrokenUtf8::new);
        var oversized = Arbitraries.integers().between(1, 100_000).map(Oversized::new);
        var truncated = Arbitraries.integers().between(0, 150).map(Truncated::new);
        var badCode = Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(3).filter(code -> !code.isBlank()).map(code -> new BadCode("currency", code + "!")),
                Arbitraries.of("XAU", "XXX", "ABC", "gbp").map(code -> new BadCode("currency", code)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(name -> new BadCode("fundType", "x" + name)));
        return Arbitraries.oneOf(wrongType, wrongAmountType, wrongDonor, badAmount, unknown, missing, brokenUtf8, oversized,
                truncated, badCode);
    }

    private static byte[] body(Breakage breakage) {
        var valid = valid();
        return switch (breakage) {
            case WrongType(var field, var value) -> bytes(valid.set(field, value));
            case BadAmount(var value) -> bytes(valid.set("amountMinor", value));
            case UnknownField(var name, var value) -> bytes(valid.set(name, value));
            case Missing(var field) -> {
                valid.remove(field);
                yield bytes(valid);
            }
            case BrokenUtf8(var field, var at, var bad) -> withBytesInside(valid, field, at, bad);
            case Oversized(var extra) -> bytes(valid.put("paymentToken", "t".repeat(MAX_BODY + extra)));
            case Truncated(var keep) -> {
                var whole = bytes(valid);
                yield java.util.Arrays.copyOf(whole, Math.min(keep, whole.length - 1));
            }
            case BadCode(var field, var value) -> bytes(valid.put(field, value));
        };
    }

    private static ObjectNode valid() {
        var body = Json.object();
        body.put("campaignId", "ramadan");
        body.put("amountMinor", 2500);
        body.put("currency", "GBP");
        body.put("fundType", "SADAQAH");
        body.putObject("donor").put("name", "Aisha").put("email", "aisha@example.org");
        body.put("paymentToken", "tok_visa");
        return body;
    }

    /** The body with {@code bad} bytes spliced into the string value of {@code field}. */
    private static byte[] withBytesInside(ObjectNode body, String field, int at, byte[] bad) {
        var marker = "\u0001MARK\u0001";
        var value = body.get(field).asText();
        var cut = Math.min(at, value.length());
        body.put(field, value.substring(0, cut) + marker + value.substring(cut));
        var text = new String(bytes(body), StandardCharsets.UTF_8);
        var escaped = "\\u0001MARK\\u0001";
        var split = text.indexOf(escaped);
        var out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, split).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(text.substring(split + escaped.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] bytes(JsonNode node) {
        return Json.bytes(node);
    }

    private static long rows(String table) {
        return service.database().inTransaction(connection -> {
            try (var statement = connection.createStatement(); var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                result.next();
                return result.getLong(1);
            }
        });
    }
}
