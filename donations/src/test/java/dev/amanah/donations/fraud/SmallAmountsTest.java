package dev.amanah.donations.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.payment.ManualClock;
import dev.amanah.finance.money.Money;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Small" (the ipSmallAttempts rule) is one value in every accepted currency. */
class SmallAmountsTest {

    private static FraudDetector detectorFor(Map<String, String> environment) {
        return new FraudDetector(ConfigLoader.load(Optional.empty(), environment).fraud().toFraudConfig(),
                ManualClock.atNewYear());
    }

    private static FraudVerdict burst(FraudDetector detector, String ip, Money amount) {
        FraudVerdict last = null;
        for (int i = 0; i < 5; i++) {
            last = detector.check(new Attempt(null, ip, null, amount));
        }
        return last;
    }

    @Test
    void aBurstOfYenWorthLessThanTheSmallAmountIsHeldAsABurstOfPoundsIs() {
        // A card tester offered GBP and JPY: 4.00 GBP is small; 600 JPY is about 3.15 GBP at the
        // bundled rates, yet was 600 minor units, over the 500 every currency shared, so never small.
        var detector = detectorFor(Map.of("AMANAH_DONATIONS_CURRENCIES", "GBP,JPY"));

        var pounds = burst(detector, "203.0.113.1", Money.of("4.00", "GBP"));
        var yen = burst(detector, "203.0.113.2", Money.of("600", "JPY"));

        assertThat(pounds.reasons()).extracting(FraudReason::rule).containsExactly(FraudRule.IP_SMALL_ATTEMPTS);
        assertThat(yen.reasons()).extracting(FraudReason::rule).containsExactly(FraudRule.IP_SMALL_ATTEMPTS);
    }

    @Test
    void anAmountUpToItsCurrencysThresholdIsSmallAndZeroOrAnotherCurrencyNever() {
        var small = SmallAmounts.of(List.of(Money.of("5.00", "GBP"), Money.of("951", "JPY")));

        assertThat(small.isSmall(Money.of("5.00", "GBP"))).isTrue();
        assertThat(small.isSmall(Money.of("5.01", "GBP"))).isFalse();
        assertThat(small.isSmall(Money.of("951", "JPY"))).isTrue();
        assertThat(small.isSmall(Money.of("952", "JPY"))).isFalse();
        assertThat(small.isSmall(Money.of("0", "GBP"))).isFalse();
        assertThat(small.isSmall(Money.of("1.00", "USD"))).isFalse();
    }

    @Test
    void aNegativeThresholdOrOneUnderAnotherCurrencyIsRefused() {
        assertThatThrownBy(() -> SmallAmounts.of(List.of(Money.of("-1", "GBP"))))
                .hasMessageStartingWith("invalid_fraud_config: the small amount of GBP");
        assertThatThrownBy(() -> new SmallAmounts(Map.of(Currency.getInstance("GBP"), Money.of("5", "USD"))))
                .hasMessageStartingWith("invalid_fraud_config: the small amount of GBP");
    }
}
