package dev.amanah.finance.zakat;

import static dev.amanah.finance.zakat.Fixtures.GOLD;
import static dev.amanah.finance.zakat.Fixtures.SILVER;
import static dev.amanah.finance.zakat.Fixtures.request;
import static dev.amanah.finance.zakat.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Worked examples; figures derived by hand in the comments (see {@link Fixtures} for prices). */
class ZakatCalculatorTest {

    private static final ZakatPolicy GOLD_STANDARD = ZakatPolicy.defaults().withNisabStandard(NisabStandard.GOLD);
    private static final ZakatPolicy SILVER_STANDARD = ZakatPolicy.defaults().withNisabStandard(NisabStandard.SILVER);

    private static Assessment.Due due(Assessment assessment) {
        assertThat(assessment).isInstanceOf(Assessment.Due.class);
        return (Assessment.Due) assessment;
    }

    private static Assessment.NotDue notDue(Assessment assessment) {
        assertThat(assessment).isInstanceOf(Assessment.NotDue.class);
        return (Assessment.NotDue) assessment;
    }

    @Nested
    class Nisab {
        @Test
        void net_wealth_exactly_at_nisab_is_due() {
            // 6800.00 ≥ 85 g × 80.00 = 6800.00; 6800.00 × 0.025 = 170.00
            var due = due(request().cash("6800.00").policy(GOLD_STANDARD).assess());
            assertThat(due.amountDue()).isEqualTo(usd("170.00"));
        }

        @Test
        void net_wealth_one_minor_unit_below_nisab_is_not_due() {
            var notDue = notDue(request().cash("6799.99").policy(GOLD_STANDARD).assess());
            assertThat(notDue.reason()).isEqualTo(new NotDueReason.BelowNisab(new BigDecimal("6799.99"), new BigDecimal("6800.00")));
        }

        @Test
        void standards_disagree_gold_not_due_silver_due() {
            // 1000.00: below the gold nisab 6800.00, above the silver nisab 595.00
            assertThat(request().cash("1000.00").policy(GOLD_STANDARD).assess()).isInstanceOf(Assessment.NotDue.class);
            assertThat(due(request().cash("1000.00").policy(SILVER_STANDARD).assess()).amountDue()).isEqualTo(usd("25.00"));
        }

        @Test
        void lower_of_two_takes_the_cheaper_metal_and_says_why() {
            var due = due(request().cash("1000.00").assess());
            assertThat(due.nisab().metal()).isEqualTo(Metal.SILVER);
            assertThat(due.nisab().value()).isEqualByComparingTo("595.00");
            assertThat(due.nisab().reason()).isEqualTo("LOWER_OF_TWO: silver nisab 595.00 is below gold nisab 6800.00");
        }

        @Test
        void nisab_gram_weights_are_configurable() {
            // 600.00 is above 595 g × 1.00 but below 612.36 g × 1.00
            var heavier = SILVER_STANDARD.withNisabGrams(new BigDecimal("87.48"), new BigDecimal("612.36"));
            assertThat(request().cash("600.00").policy(SILVER_STANDARD).assess()).isInstanceOf(Assessment.Due.class);
            var notDue = notDue(request().cash("600.00").policy(heavier).assess());
            assertThat(notDue.nisab().value()).isEqualByComparingTo("612.36");
        }

        @Test
        void missing_price_for_the_nisab_standard_names_the_price_field() {
            assertThatThrownBy(() -> request().cash("1000.00").prices(SILVER).policy(GOLD_STANDARD).assess())
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PRICE);
                        assertThat(e.field()).isEqualTo("prices.gold");
                    });
            assertThatThrownBy(() -> request().cash("1000.00").prices(GOLD).assess())
                    .extracting(e -> ((FinanceException) e).field()).isEqualTo("prices.silver");
        }

        @Test
        void a_metal_holding_worth_more_than_any_amount_is_refused_naming_the_holding() {
            var bar = Asset.gold("bar", Weight.grams("9999999999999999999"), Purity.PURE, false);
            assertThatThrownBy(() -> request().cash("1000.00").asset(bar).assess())
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
                        assertThat(e.field()).isEqualTo("assets[1]");
                        assertThat(e.detail()).isEqualTo("valuing gold: bar: 799999999999999999920.00 USD is more than the"
                                + " largest amount handled, 92233720368547758.07 USD");
                    });
        }

        @Test
        void missing_price_to_value_a_metal_holding_names_the_price_field() {
            var bar = Asset.gold("bar", Weight.grams("10"), Purity.PURE, false);
            assertThatThrownBy(() -> request().asset(bar).prices(SILVER).policy(SILVER_STANDARD).assess())
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PRICE);
                        assertThat(e.field()).isEqualTo("prices.gold");
                    });
        }
    }

    @Nested
    class Rate {
        @Test
        void rate_applies_to_the_whole_net_wealth_not_the_excess_over_nisab() {
            // 10000.00 × 0.025 = 250.00, not (10000.00 − 6800.00) × 0.025 = 80.00
            assertThat(due(request().cash("10000.00").policy(GOLD_STANDARD).assess()).amountDue()).isEqualTo(usd("250.00"));
        }

        @Test
        void solar_year_uses_2_577_percent_and_the_gregorian_anniversary() {
            // 10000.00 × 0.02577 = 257.70; solar anniversary of 2024-03-11 is 2025-03-11
            var solar = SILVER_STANDARD.withYearBasis(YearBasis.SOLAR);
            var due = due(request().cash("10000.00").policy(solar).on(LocalDate.of(2025, 3, 11)).assess());
            assertThat(due.amountDue()).isEqualTo(usd("257.70"));
            assertThat(due.rate()).isEqualByComparingTo("0.02577");
            assertThat(due.zakatDay()).isEqualTo(LocalDate.of(2025, 3, 11));
        }

        @Test
        void lunar_year_uses_2_5_percent() {
            var due = due(request().cash("10000.00").policy(SILVER_STANDARD).assess());
            assertThat(due.rate()).isEqualByComparingTo("0.025");
            assertThat(due.zakatDay()).isEqualTo(Fixtures.LUNAR_ZAKAT_DAY);
        }

        @Test
        void amount_is_rounded_up_to_the_minor_unit_and_keeps_the_exact_value() {
            // 1234.57 × 0.025 = 30.86425 → 30.87
            var due = due(request().cash("1234.57").assess());
            assertThat(due.exactAmount()).isEqualByComparingTo("30.86425");
            assertThat(due.amountDue()).isEqualTo(usd("30.87"));
            assertThat(due.rounding()).isEqualTo(RoundingMode.CEILING);
        }

        @Test
        void rounding_up_follows_the_currency_scale_for_yen_and_dinar() {
            // JPY: 1234567 × 0.025 = 30864.175 → 30865; KWD: 1234.567 × 0.025 = 30.864175 → 30.865
            var jpy = Currency.getInstance("JPY");
            var yenPrices = MetalPrices.of(new MetalPrice(Metal.SILVER, jpy, new BigDecimal("150"), "test", Fixtures.QUOTED));
            var yen = new ZakatRequest(jpy, Fixtures.LUNAR_ZAKAT_DAY, Fixtures.REACHED,
                    List.of(Asset.cash("bank", Money.of("1234567", "JPY"))), List.of(), yenPrices, List.of(), SILVER_STANDARD);
            assertThat(due(ZakatCalculator.assess(yen)).amountDue()).isEqualTo(Money.of("30865", "JPY"));

            var kwd = Currency.getInstance("KWD");
            var dinarPrices = MetalPrices.of(new MetalPrice(Metal.SILVER, kwd, new BigDecimal("0.3"), "test", Fixtures.QUOTED));
            var dinar = new ZakatRequest(kwd, Fixtures.LUNAR_ZAKAT_DAY, Fixtures.REACHED,
                    List.of(Asset.cash("bank", Money.of("1234.567", "KWD"))), List.of(), dinarPrices, List.of(), SILVER_STANDARD);
            assertThat(due(ZakatCalculator.assess(dinar)).amountDue()).isEqualTo(Money.of("30.865", "KWD"));
        }

        @Test
        void an_exact_amount_is_not_rounded_further() {
            // 1000.00 × 0.025 = 25.000 exactly
            var due = due(request().cash("1000.00").assess());
            assertThat(due.exactAmount()).isEqualByComparingTo("25");
            assertThat(due.amountDue()).isEqualTo(usd("25.00"));
        }
    }

    @Nested
    class AssetsAndLiabilities {
        private Fixtures.Builder household() {
            return request()
                    .cash("5000.00")
                    .asset(Asset.gold("bar", Weight.grams("50"), Purity.fineness(new BigDecimal("0.999")), false))
                    .asset(Asset.gold("bangles", Weight.grams("100"), Purity.karats(new BigDecimal("21")), true))
                    .asset(Asset.tradeStock("shop stock", usd("2000.00")))
                    .asset(Asset.receivable("loan to brother", usd("1000.00")))
                    .asset(Asset.investment("index fund", usd("4000.00")))
                    .liability(new Liability.DueWithinYear("supplier invoice", usd("1500.00")))
                    .liability(new Liability.Instalments("car loan", usd("250.00"), usd("10000.00")))
                    .liability(new Liability.Arrears("rent arrears", usd("500.00")))
                    .policy(ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, new BigDecimal("0.25")));
        }

        @Test
        void each_kind_is_counted_at_its_zakatable_fraction_and_debts_due_within_the_year_are_deducted() {
            // assets: 5000 + 50×0.999×80 (3996) + 100×0.875×80 (7000) + 2000 + 1000 + 4000×0.25 (1000) = 19996.00
            // liabilities: 1500 + min(12×250, 10000) (3000) + 500 = 5000.00; net 14996.00 × 0.025 = 374.90
            var due = due(household().assess());
            assertThat(due.netWealth()).isEqualByComparingTo("14996.00");
            assertThat(due.amountDue()).isEqualTo(usd("374.90"));
            assertThat(due.explanation().steps(StepKind.ASSET)).hasSize(6);
            assertThat(due.explanation().steps(StepKind.LIABILITY)).extracting(Step::value)
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(new BigDecimal("1500"), new BigDecimal("3000"), new BigDecimal("500"));
        }

        @Test
        void personal_use_jewellery_is_left_out_when_the_policy_says_so() {
            // without the bangles (7000.00): net 7996.00 × 0.025 = 199.90
            var policy = ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, new BigDecimal("0.25"))
                    .withPersonalJewelleryZakatable(false);
            var due = due(household().policy(policy).assess());
            assertThat(due.netWealth()).isEqualByComparingTo("7996.00");
            assertThat(due.amountDue()).isEqualTo(usd("199.90"));
            assertThat(due.explanation().steps(StepKind.EXCLUDED)).singleElement()
                    .extracting(Step::label).isEqualTo("gold: bangles");
        }

        @Test
        void instalments_deduct_only_twelve_months_of_principal_and_never_more_than_outstanding() {
            assertThat(new Liability.Instalments("car", usd("250.00"), usd("10000.00")).deductible()).isEqualTo(usd("3000.00"));
            assertThat(new Liability.Instalments("car", usd("250.00"), usd("1200.00")).deductible()).isEqualTo(usd("1200.00"));
        }

        /** Twelve monthly payments past the largest amount were refused, 'AMOUNT_TOO_LARGE amount', though the outstanding is deducted. */
        @Test
        void instalments_whose_twelve_months_are_more_than_any_amount_deduct_the_outstanding() {
            assertThat(new Liability.Instalments("car", usd("9999999999999999"), usd("1.00")).deductible()).isEqualTo(usd("1.00"));
        }

        /** A zakat due past the largest amount was refused naming Money's own field, 'amount', which no input has. */
        @Test
        void a_zakat_due_more_than_any_amount_is_refused_naming_the_assets() {
            var assets = request();
            for (var i = 0; i < 45; i++) {
                assets.cash("92233720368547758.07");
            }
            assertThatThrownBy(assets::assess).isInstanceOfSatisfying(FinanceException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AMOUNT_TOO_LARGE);
                assertThat(e.field()).isEqualTo("assets");
                assertThat(e.detail()).isEqualTo("the zakat due on them: 103762935414616227.83 USD is more than the"
                        + " largest amount handled, 92233720368547758.07 USD");
            });
        }

        @Test
        void negative_net_wealth_is_not_due_rather_than_an_error() {
            var notDue = notDue(request().cash("1000.00").liability(new Liability.DueWithinYear("loan", usd("5000.00"))).assess());
            assertThat(notDue.reason()).isEqualTo(new NotDueReason.NoNetWealth(new BigDecimal("-4000.00")));
        }

        @Test
        void karats_without_a_finite_decimal_are_rounded_up_to_four_places() {
            assertThat(Purity.karats(new BigDecimal("22")).fineness()).isEqualByComparingTo("0.9167");
            assertThat(Purity.karats(new BigDecimal("18")).fineness()).isEqualByComparingTo("0.75");
        }

        @Test
        void bad_input_is_refused_with_a_code_naming_the_field() {
            assertThatThrownBy(() -> Weight.grams("-5"))
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NEGATIVE_WEIGHT);
                        assertThat(e.field()).isEqualTo("grams");
                    });
            assertThatThrownBy(() -> Purity.fineness(new BigDecimal("1.1")))
                    .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INVALID_PURITY);
            assertThatThrownBy(() -> Asset.cash("x", usd("-1.00")))
                    .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NEGATIVE_AMOUNT);
            assertThatThrownBy(() -> ZakatPolicy.defaults().withZakatableFraction(AssetKind.INVESTMENT, new BigDecimal("2")))
                    .extracting(e -> ((FinanceException) e).field()).isEqualTo("policy.fractions.INVESTMENT");
            assertThatThrownBy(() -> new MetalPrice(Metal.GOLD, Fixtures.USD, BigDecimal.ZERO, "x", Fixtures.QUOTED))
                    .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INVALID_PRICE);
        }

        @Test
        void figures_in_another_currency_are_a_mismatch_naming_the_field() {
            assertThatThrownBy(() -> request().cash("10.00").asset(Asset.cash("euro account", Money.of("10.00", "EUR"))).assess())
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                        assertThat(e.field()).isEqualTo("assets[1].amount");
                    });
        }
    }

    @Nested
    class ExplanationOfTheSteps {
        @Test
        void every_step_is_given_as_data_and_as_text_in_order() {
            var due = due(request().cash("1234.57").liability(new Liability.DueWithinYear("card", usd("34.57"))).assess());
            assertThat(due.explanation().steps()).extracting(Step::kind).containsExactly(
                    StepKind.ASSET, StepKind.LIABILITY, StepKind.NET_WEALTH, StepKind.NISAB, StepKind.HAWL,
                    StepKind.RATE, StepKind.ROUNDING, StepKind.OUTCOME);
            assertThat(due.explanation().toText())
                    .contains(" 1. ASSET      cash: cash  1234.57 USD  — 1234.57 × 100 % zakatable")
                    .contains(" 2. LIABILITY  liability: card  34.57 USD  — debt due within 12 lunar months, deducted in full")
                    .contains(" 3. NET_WEALTH net wealth  1200.00 USD  — assets 1234.57 − liabilities 34.57")
                    .contains("silver nisab  595.00 USD  — 595 g × 1.00 USD/g (test fix, 2025-03-01T15:00:00Z)")
                    .contains("held since 1445-09-01 AH (2024-03-11), complete on 1446-09-01 AH (2025-03-01)")
                    .contains("zakat at 2.5 %  30.00 USD  — whole net wealth 1200.00 × 0.025 (LUNAR year)")
                    .contains(" 8. OUTCOME    due  30.00 USD  — zakat of 30.00 USD is due");
        }

        @Test
        void a_not_due_assessment_explains_its_reason() {
            var notDue = notDue(request().cash("500.00").assess());
            assertThat(notDue.explanation().steps(StepKind.OUTCOME)).singleElement()
                    .extracting(Step::detail).isEqualTo("net wealth 500 is below nisab 595");
        }
    }
}
