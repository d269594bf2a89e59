package dev.amanah.finance.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {
    private static final String THIRTY_DIGITS = "123456789012345678901234567890";

    @ParameterizedTest
    @CsvSource({
            "12.50, 12.50",
            "' -3 ', -3",
            "+0.925, 0.925",
            "0500, 500",
            THIRTY_DIGITS + "." + THIRTY_DIGITS + ", " + THIRTY_DIGITS + "." + THIRTY_DIGITS,
    })
    void plain_decimal_notation_is_read_exactly_with_its_written_scale(String text, String expected) {
        var parsed = Decimals.parse(text, "amount");
        assertThat(parsed).isEqualTo(new BigDecimal(expected));
        assertThat(parsed.scale()).isEqualTo(new BigDecimal(expected).scale());
    }

    /** Scaling 1e100000000 to cents costs a minute of CPU and gigabytes; the text is refused before any BigDecimal exists. */
    @ParameterizedTest
    @ValueSource(strings = {"1e100000000", "1E3", "2.5e-1", "1e999999999"})
    void scientific_notation_is_refused(String text) {
        assertThatThrownBy(() -> Decimals.parse(text, "--cash"))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_NUMBER);
                    assertThat(e.field()).isEqualTo("--cash");
                    assertThat(e.detail()).contains("write 1250.00", "without exponent");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {THIRTY_DIGITS + "1", "0." + THIRTY_DIGITS + "1"})
    void more_than_thirty_digits_on_either_side_of_the_point_are_refused(String text) {
        assertThatThrownBy(() -> Decimals.parse(text, "amount"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NOT_A_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,50", ".5", "12.", "0x1F", "1_000", "£12", "", "-", "NaN", "Infinity", "1 000"})
    void anything_but_digits_with_an_optional_sign_and_point_is_refused(String text) {
        assertThatThrownBy(() -> Decimals.parse(text, "amount"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NOT_A_NUMBER);
    }

    @Test
    void missing_text_is_not_a_number() {
        assertThatThrownBy(() -> Decimals.parse(null, "amount"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NOT_A_NUMBER);
    }

    @Test
    void a_long_refused_text_is_shortened_in_the_message() {
        var text = "9".repeat(100_000);
        assertThatThrownBy(() -> Decimals.parse(text, "amount"))
                .isInstanceOfSatisfying(FinanceException.class, e -> assertThat(e.detail()).hasSizeLessThan(300));
    }
}
