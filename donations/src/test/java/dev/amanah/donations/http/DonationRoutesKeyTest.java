package dev.amanah.donations.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Idempotency-Key's form: 1 to 255 characters from {@code A-Z a-z 0-9 . _ : -}. */
class DonationRoutesKeyTest {

    @Test
    void keysOfTheAllowedCharactersAndLengthsPass() {
        assertThat(DonationRoutes.isWellFormedKey("a")).isTrue();
        assertThat(DonationRoutes.isWellFormedKey("AZaz09._:-")).isTrue();
        assertThat(DonationRoutes.isWellFormedKey("k".repeat(255))).isTrue();
    }

    @Test
    void emptyTooLongOrOtherCharactersFail() {
        assertThat(DonationRoutes.isWellFormedKey("")).isFalse();
        assertThat(DonationRoutes.isWellFormedKey("k".repeat(256))).isFalse();
        assertThat(DonationRoutes.isWellFormedKey("has space")).isFalse();
        assertThat(DonationRoutes.isWellFormedKey("é")).isFalse();
        assertThat(DonationRoutes.isWellFormedKey("a/b")).isFalse();
        assertThat(DonationRoutes.isWellFormedKey("a+b")).isFalse();
        assertThat(DonationRoutes.isWellFormedKey("key\n")).isFalse();
    }
}
