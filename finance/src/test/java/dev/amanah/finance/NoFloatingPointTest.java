package dev.amanah.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Money is never binary floating point: no such type appears in the finance code or its tests. */
class NoFloatingPointTest {
    // Assembled from pieces so that this file does not match itself.
    private static final Pattern FLOATING = Pattern.compile(
            "\\b(" + "dou" + "ble|flo" + "at|Dou" + "ble|Flo" + "at|Math\\.pow|Big" + "Decimal\\.valueOf\\(\\s*[0-9.]+[dDfF]?\\s*\\))\\b");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"(\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);
    private static final Pattern FLOAT_LITERAL = Pattern.compile("\\b\\d+(\\.\\d*)?([eE][+-]?\\d+)?[dDfF]\\b");

    @Test
    void no_float_or_double_anywhere_in_money_or_zakat_code_and_tests() {
        var offenders = Stream.of(Path.of("src/main/java"), Path.of("src/test/java"))
                .flatMap(NoFloatingPointTest::javaFiles)
                .filter(NoFloatingPointTest::usesFloatingPoint)
                .toList();
        assertThat(javaFiles(Path.of("src/main/java")).count()).as("scanned the finance sources").isGreaterThan(30);
        assertThat(offenders).isEmpty();
    }

    private static boolean usesFloatingPoint(Path file) {
        try {
            var code = COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll(" ");
            return FLOATING.matcher(code).find() || FLOAT_LITERAL.matcher(code).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path root) {
        try (var files = Files.walk(root)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".java")).toList();
            return list.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
