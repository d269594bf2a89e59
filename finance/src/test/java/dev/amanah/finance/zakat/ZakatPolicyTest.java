package dev.amanah.finance.zakat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ZakatPolicy refuses a bad setting when it is built, with the code and field of that setting. */
class ZakatPolicyTest {

    private static ZakatPolicy withFractions(Map<AssetKind, BigDecimal> fractions) {
        return new ZakatPolicy(NisabStandard.LOWER_OF_TWO, ZakatPolicy.GOLD_NISAB_GRAMS, ZakatPolicy.SILVER_NISAB_GRAMS,
                YearBasis.LUNAR, HawlRule.ENDPOINTS, true, fractions);
    }

    /** A fraction left empty used to reach fraction.signum() and fail with a bare NullPointerException. */
    @Test
    void a_missing_fraction_is_refused_as_an_invalid_fraction_on_its_field() {
        var fractions = new EnumMap<AssetKind, BigDecimal>(AssetKind.class);
        fractions.put(AssetKind.INVESTMENT, null);
        assertThatThrownBy(() -> withFractions(fractions))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRACTION);
                    assertThat(e.field()).isEqualTo("policy.fractions.INVESTMENT");
                    assertThat(e.detail()).endsWith("was missing");
                });
        assertThatThrownBy(() -> ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, null))
                .isInstanceOfSatisfying(FinanceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRACTION));
    }

    @Test
    void fractions_outside_zero_to_one_are_refused_and_the_bounds_accepted() {
        for (var bad : new String[] {"-0.01", "1.0001"}) {
            assertThatThrownBy(() -> ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, new BigDecimal(bad)))
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRACTION);
                        assertThat(e.field()).isEqualTo("policy.fractions.INVESTMENT");
                    });
        }
        assertThat(ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, BigDecimal.ZERO)
                .zakatableFraction(AssetKind.INVESTMENT)).isZero();
        assertThat(ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, new BigDecimal("1.000"))
                .zakatableFraction(AssetKind.INVESTMENT)).isEqualByComparingTo("1");
    }

    @Test
    void missing_or_non_positive_nisab_weights_are_refused_on_their_field() {
        assertThatThrownBy(() -> ZakatPolicy.defaults().withNisabGrams(null, ZakatPolicy.SILVER_NISAB_GRAMS))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NISAB_WEIGHT);
                    assertThat(e.field()).isEqualTo("policy.goldNisabGrams");
                });
        assertThatThrownBy(() -> ZakatPolicy.defaults().withNisabGrams(ZakatPolicy.GOLD_NISAB_GRAMS, BigDecimal.ZERO))
                .isInstanceOfSatisfying(FinanceException.class, e -> assertThat(e.field()).isEqualTo("policy.silverNisabGrams"));
    }

    /** A null choice or a null map is a programming error: refused at once, naming what is missing. */
    @Test
    void a_null_choice_or_map_fails_at_construction_naming_it() {
        assertThatThrownBy(() -> ZakatPolicy.defaults().withYearBasis(null))
                .isInstanceOf(NullPointerException.class).hasMessage("yearBasis");
        assertThatThrownBy(() -> withFractions(null))
                .isInstanceOf(NullPointerException.class).hasMessage("zakatableFractions");
        var nullKind = new HashMap<AssetKind, BigDecimal>();
        nullKind.put(null, BigDecimal.ONE);
        assertThatThrownBy(() -> withFractions(nullKind))
                .isInstanceOf(NullPointerException.class).hasMessage("zakatableFractions holds a null asset kind");
    }
}
