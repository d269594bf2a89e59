package dev.amanah.finance.zakat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetalWeightZakatTest {

    private static WeightAssessment assess(ZakatPolicy policy, MetalAsset... holdings) {
        var metal = holdings[0].metal();
        return MetalWeightZakat.assess(new WeightRequest(metal, Fixtures.LUNAR_ZAKAT_DAY, Fixtures.REACHED,
                List.of(holdings), Map.of(), policy));
    }

    @Test
    void hundred_grams_of_pure_gold_held_a_lunar_year_owe_two_and_a_half_grams() {
        var result = assess(ZakatPolicy.defaults(), Asset.gold("bar", Weight.grams("100"), Purity.PURE, false));
        assertThat(result).isInstanceOfSatisfying(WeightAssessment.Due.class,
                due -> assertThat(due.zakat().grams()).isEqualByComparingTo("2.5"));
    }

    @Test
    void solar_year_owes_2_577_grams_per_hundred() {
        var policy = ZakatPolicy.defaults().withYearBasis(YearBasis.SOLAR);
        var result = MetalWeightZakat.assess(new WeightRequest(Metal.GOLD, LocalDate.of(2025, 3, 11), Fixtures.REACHED,
                List.of(Asset.gold("bar", Weight.grams("100"), Purity.PURE, false)), Map.of(), policy));
        assertThat(result).isInstanceOfSatisfying(WeightAssessment.Due.class,
                due -> assertThat(due.zakat().grams()).isEqualByComparingTo("2.577"));
    }

    @Test
    void each_metal_is_measured_against_its_own_nisab_weight() {
        // 85 g pure gold is exactly the gold nisab → 2.125 g; 84.99 g is not; 600 g silver passes 595 g
        assertThat(assess(ZakatPolicy.defaults(), Asset.gold("bar", Weight.grams("85"), Purity.PURE, false)))
                .isInstanceOfSatisfying(WeightAssessment.Due.class,
                        due -> assertThat(due.zakat().grams()).isEqualByComparingTo("2.125"));
        assertThat(assess(ZakatPolicy.defaults(), Asset.gold("bar", Weight.grams("84.99"), Purity.PURE, false)))
                .isInstanceOfSatisfying(WeightAssessment.NotDue.class, n -> assertThat(n.reason())
                        .isEqualTo(new NotDueReason.BelowNisab(new BigDecimal("84.99"), new BigDecimal("85"))));
        assertThat(assess(ZakatPolicy.defaults(), Asset.silver("coins", Weight.grams("600"), Purity.PURE, false)))
                .isInstanceOfSatisfying(WeightAssessment.Due.class,
                        due -> assertThat(due.zakat().grams()).isEqualByComparingTo("15"));
    }

    @Test
    void purity_reduces_the_weight_to_pure_metal() {
        // 120 g of 21 k = 105 g pure → 2.625 g
        assertThat(assess(ZakatPolicy.defaults(), Asset.gold("set", Weight.grams("120"), Purity.karats(new BigDecimal("21")), false)))
                .isInstanceOfSatisfying(WeightAssessment.Due.class, due -> {
                    assertThat(due.pureWeight().grams()).isEqualByComparingTo("105");
                    assertThat(due.zakat().grams()).isEqualByComparingTo("2.625");
                });
    }

    @Test
    void personal_jewellery_weight_follows_the_policy() {
        var worn = Asset.gold("bangles", Weight.grams("100"), Purity.PURE, true);
        assertThat(assess(ZakatPolicy.defaults().withPersonalJewelleryZakatable(false), worn))
                .isInstanceOfSatisfying(WeightAssessment.NotDue.class,
                        n -> assertThat(n.reason()).isInstanceOf(NotDueReason.NoNetWealth.class));
    }

    @Test
    void a_zakatable_fraction_counts_the_same_part_by_weight_as_by_value() {
        // half of 200 g pure gold is counted: 100 g → 2.5 g, as ZakatCalculator counts half its value
        var policy = ZakatPolicy.defaults().withZakatableFraction(AssetKind.GOLD, new BigDecimal("0.5"));
        assertThat(assess(policy, Asset.gold("bar", Weight.grams("200"), Purity.PURE, false)))
                .isInstanceOfSatisfying(WeightAssessment.Due.class, due -> {
                    assertThat(due.pureWeight().grams()).isEqualByComparingTo("100");
                    assertThat(due.zakat().grams()).isEqualByComparingTo("2.5");
                });
        // the silver fraction does not touch gold, and half of 1,000 g of silver is below 595 g
        var silverHalved = ZakatPolicy.defaults().withZakatableFraction(AssetKind.SILVER, new BigDecimal("0.5"));
        assertThat(assess(silverHalved, Asset.gold("bar", Weight.grams("100"), Purity.PURE, false)))
                .isInstanceOfSatisfying(WeightAssessment.Due.class,
                        due -> assertThat(due.zakat().grams()).isEqualByComparingTo("2.5"));
        assertThat(assess(silverHalved, Asset.silver("coins", Weight.grams("1000"), Purity.PURE, false)))
                .isInstanceOfSatisfying(WeightAssessment.NotDue.class, n -> assertThat(n.reason())
                        .isInstanceOfSatisfying(NotDueReason.BelowNisab.class,
                                below -> assertThat(below.netWealth()).isEqualByComparingTo("500")));
    }
}
