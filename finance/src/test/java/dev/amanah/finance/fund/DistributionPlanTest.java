package dev.amanah.finance.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DistributionPlanTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Fund ZAKAT = new Fund("zakat-2025", "Zakat 2025", FundType.ZAKAT);
    private static final Fund SADAQAH = new Fund("sadaqah", "Sadaqah", FundType.SADAQAH);
    private static final Recipient WIDOW = Recipient.ofZakat("r1", "Widow with three children", ZakatCategory.POOR);
    private static final Recipient STUDENT = Recipient.ofZakat("r2", "Indebted student", ZakatCategory.DEBTORS);
    private static final Recipient TRAVELLER = Recipient.ofZakat("r3", "Stranded traveller", ZakatCategory.STRANDED_TRAVELLERS);
    private static final Recipient STAFF = Recipient.ofZakat("staff", "Zakat committee staff", ZakatCategory.ADMINISTRATORS);
    private static final Recipient MOSQUE_ROOF = Recipient.of("roof", "Mosque roof repair");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Share share(Recipient recipient, String ratio) {
        return new Share(recipient, new BigDecimal(ratio));
    }

    @Test
    void plan_allocates_the_fund_balance_exactly_to_recipients() {
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("1000.00"),
                List.of(share(WIDOW, "1"), share(STUDENT, "1"), share(TRAVELLER, "1")), "aisha", DistributionRules.defaults());
        assertThat(plan.payments()).extracting(PlannedPayment::amount)
                .containsExactly(usd("333.34"), usd("333.33"), usd("333.33"));
    }

    @Test
    void zakat_goes_only_to_the_eight_categories() {
        assertThatThrownBy(() -> DistributionPlan.prepare("p1", ZAKAT, usd("100.00"),
                List.of(share(WIDOW, "1"), share(MOSQUE_ROOF, "1")), "aisha", DistributionRules.defaults()))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_ZAKAT_ELIGIBLE);
                    assertThat(e.field()).isEqualTo("payments[1].recipient");
                });
    }

    @Test
    void zakat_al_fitr_is_restricted_like_zakat_and_sadaqah_is_not() {
        var fitr = new Fund("fitr", "Zakat al-fitr", FundType.ZAKAT_AL_FITR);
        assertThatThrownBy(() -> DistributionPlan.prepare("p1", fitr, usd("100.00"), List.of(share(MOSQUE_ROOF, "1")),
                "aisha", DistributionRules.defaults()))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.NOT_ZAKAT_ELIGIBLE);
        var plan = DistributionPlan.prepare("p2", SADAQAH, usd("100.00"), List.of(share(MOSQUE_ROOF, "1")), "aisha",
                DistributionRules.defaults());
        assertThat(plan.payments()).singleElement().extracting(PlannedPayment::amount).isEqualTo(usd("100.00"));
    }

    @Test
    void administrators_share_is_capped_at_the_configured_fraction() {
        // 12.5 % of 1000.00 = 125.00 is allowed; 1/7 ≈ 142.86 is not
        var atCap = DistributionPlan.prepare("p1", ZAKAT, usd("1000.00"),
                List.of(share(STAFF, "12.5"), share(WIDOW, "87.5")), "aisha", DistributionRules.defaults());
        assertThat(atCap.administratorsShare()).isEqualTo(usd("125.00"));
        assertThatThrownBy(() -> DistributionPlan.prepare("p2", ZAKAT, usd("1000.00"),
                List.of(share(STAFF, "1"), share(WIDOW, "6")), "aisha", DistributionRules.defaults()))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.ADMINISTRATORS_CAP_EXCEEDED);
        var stricter = new DistributionRules(new BigDecimal("0.10"));
        assertThatThrownBy(() -> DistributionPlan.prepare("p3", ZAKAT, usd("1000.00"),
                List.of(share(STAFF, "12.5"), share(WIDOW, "87.5")), "aisha", stricter))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.ADMINISTRATORS_CAP_EXCEEDED);
    }

    @Test
    void ratios_at_the_cap_make_a_plan_within_it_whatever_the_rounding() {
        // 12.5 % of 100.07 is 12.50875: largest remainder alone would pay the administrators 12.51
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("100.07"),
                List.of(share(STAFF, "12.5"), share(WIDOW, "87.5")), "aisha", DistributionRules.defaults());
        assertThat(plan.payments()).extracting(PlannedPayment::amount).containsExactly(usd("12.50"), usd("87.57"));
    }

    @Property(tries = 2_000, seed = "20261206")
    void ratios_within_the_cap_always_make_a_plan_each_line_within_a_unit_of_its_share(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long minor,
            @ForAll @IntRange(min = 1, max = 6) int debtors, @ForAll @IntRange(min = 1, max = 50) int staff) {
        // staff : (widow + student) = 1 : 7 exactly, the default cap of 12.5 %
        var shares = List.of(share(STAFF, String.valueOf(staff)), share(WIDOW, String.valueOf(7 * staff - debtors)),
                share(STUDENT, String.valueOf(debtors)));
        var total = Money.ofMinor(minor, USD);
        var plan = DistributionPlan.prepare("p", ZAKAT, total, shares, "aisha", DistributionRules.defaults());
        assertThat(plan.administratorsShare().amount()).isLessThanOrEqualTo(total.amount().multiply(new BigDecimal("0.125")));
        var sum = BigDecimal.valueOf(8L * staff);
        for (var i = 0; i < shares.size(); i++) {
            var gap = plan.payments().get(i).amount().amount().multiply(sum).subtract(total.amount().multiply(shares.get(i).ratio())).abs();
            assertThat(gap).isLessThan(sum.movePointLeft(2)); // within one cent of its exact share
        }
    }

    @Test
    void plan_must_be_approved_by_a_different_person_than_the_preparer() {
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("100.00"), List.of(share(WIDOW, "1")), "aisha",
                DistributionRules.defaults());
        assertThatThrownBy(() -> plan.approve(" Aisha "))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.APPROVER_IS_PREPARER);
                    assertThat(e.field()).isEqualTo("approvedBy");
                });
        assertThat(plan.approve("bilal").approvedBy()).isEqualTo("bilal");
    }

    @Test
    void four_eyes_need_two_named_people_not_a_blank_approver_or_preparer() {
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("100.00"), List.of(share(WIDOW, "1")), "aisha",
                DistributionRules.defaults());
        // an approval by nobody is no second pair of eyes
        assertThatThrownBy(() -> plan.approve("  ")).isInstanceOf(IllegalArgumentException.class);
        // a plan prepared by nobody could be approved by its own preparer
        assertThatThrownBy(() -> DistributionPlan.prepare("p2", ZAKAT, usd("100.00"), List.of(share(WIDOW, "1")), "",
                DistributionRules.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_plan_whose_payments_do_not_add_up_cannot_exist() {
        assertThatThrownBy(() -> new DistributionPlan("p1", ZAKAT, usd("100.00"),
                List.of(new PlannedPayment(WIDOW, usd("99.99"))), "aisha", DistributionRules.defaults()))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.UNBALANCED_TRANSACTION);
    }

    @Test
    void a_negative_payment_line_is_refused_even_when_the_lines_add_up() {
        // 150.00 + (-50.00) = 100.00: the total matches, but the student would pay the fund
        var payments = List.of(new PlannedPayment(WIDOW, usd("150.00")), new PlannedPayment(STUDENT, usd("-50.00")));
        assertThatThrownBy(() -> new DistributionPlan("p1", ZAKAT, usd("100.00"), payments, "aisha",
                DistributionRules.defaults()))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NEGATIVE_AMOUNT);
                    assertThat(e.field()).isEqualTo("payments[1].amount");
                });
    }

    @Test
    void a_payment_line_in_another_currency_is_refused_naming_that_line() {
        var payments = List.of(new PlannedPayment(WIDOW, usd("60.00")), new PlannedPayment(STUDENT, Money.of("40.00", "EUR")));
        assertThatThrownBy(() -> new DistributionPlan("p1", ZAKAT, usd("100.00"), payments, "aisha",
                DistributionRules.defaults()))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
                    assertThat(e.field()).isEqualTo("payments[1].amount");
                });
    }

    @Test
    void payment_above_the_amount_due_is_accepted_and_the_excess_is_sadaqah() {
        var split = PaymentSplit.of(usd("374.90"), usd("400.00"));
        assertThat(split.zakat()).isEqualTo(usd("374.90"));
        assertThat(split.sadaqah()).isEqualTo(usd("25.10"));
        assertThat(split.stillDue()).isEqualTo(usd("0.00"));
    }

    @Test
    void payment_below_the_amount_due_is_all_zakat_and_leaves_the_rest_due() {
        var split = PaymentSplit.of(usd("374.90"), usd("300.00"));
        assertThat(split.zakat()).isEqualTo(usd("300.00"));
        assertThat(split.sadaqah()).isEqualTo(usd("0.00"));
        assertThat(split.stillDue()).isEqualTo(usd("74.90"));
    }
}
