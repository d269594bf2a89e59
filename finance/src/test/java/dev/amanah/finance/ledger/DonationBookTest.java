package dev.amanah.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.fund.DistributionPlan;
import dev.amanah.finance.fund.DistributionRules;
import dev.amanah.finance.fund.Fund;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.fund.Recipient;
import dev.amanah.finance.fund.Share;
import dev.amanah.finance.fund.ZakatCategory;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DonationBookTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Fund ZAKAT = new Fund("zakat", "Zakat", FundType.ZAKAT);
    private static final Fund SADAQAH = new Fund("sadaqah", "Sadaqah", FundType.SADAQAH);
    private static final Account CLEARING = Account.clearing("stripe");

    private DonationBook book;
    private Ledger ledger;

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @BeforeEach
    void setUp() {
        ledger = new Ledger();
        book = new DonationBook(ledger, "stripe");
    }

    @Test
    void donation_credits_the_fund_in_full_and_books_the_gateway_fee() {
        book.donate("d1", Account.fund(ZAKAT), usd("100.00"), usd("3.20"));
        assertThat(ledger.creditBalance(Account.fund(ZAKAT), USD)).isEqualTo(usd("100.00"));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(usd("96.80"));
        assertThat(ledger.balance(Account.gatewayFees("stripe"), USD)).isEqualTo(usd("3.20"));
    }

    @Test
    void donation_to_a_campaign_is_held_in_the_campaign_account() {
        book.donate("d1", Account.campaign("ramadan-iftar"), usd("50.00"), usd("0.00"));
        assertThat(ledger.creditBalance(Account.campaign("ramadan-iftar"), USD)).isEqualTo(usd("50.00"));
    }

    @Test
    void a_donation_goes_to_a_fund_or_a_campaign_never_past_the_distribution_plan() {
        var recipient = new Recipient("r1", "Recipient", Optional.of(ZakatCategory.POOR));
        for (var target : List.of(Account.administratorsShare(), Account.recipientPayable(recipient),
                Account.refundsPayable(), Account.gatewayFees("stripe"), CLEARING)) {
            assertThatThrownBy(() -> book.donate("d-" + target, target, usd("100.00"), usd("0.00")))
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_DONATION_TARGET);
                        assertThat(e.field()).isEqualTo("target");
                    });
        }
        assertThat(ledger.transactions()).isEmpty();
    }

    @Test
    void zakat_overpayment_books_the_excess_as_sadaqah() {
        book.payZakat("d1", ZAKAT, SADAQAH, usd("374.90"), usd("400.00"), usd("0.00"));
        assertThat(ledger.creditBalance(Account.fund(ZAKAT), USD)).isEqualTo(usd("374.90"));
        assertThat(ledger.creditBalance(Account.fund(SADAQAH), USD)).isEqualTo(usd("25.10"));
    }

    @Test
    void refund_never_exceeds_what_the_donation_gave() {
        book.donate("d1", Account.fund(SADAQAH), usd("100.00"), usd("0.00"));
        book.requestRefund("r1", "d1", usd("60.00"));
        assertThatThrownBy(() -> book.requestRefund("r2", "d1", usd("40.01")))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REFUND_EXCEEDS_DONATION);
                    assertThat(e.field()).isEqualTo("amount");
                });
        assertThat(book.refundable("d1")).isEqualTo(usd("40.00"));
    }

    @Test
    void refund_takes_the_sadaqah_excess_before_the_zakat() {
        book.payZakat("d1", ZAKAT, SADAQAH, usd("374.90"), usd("400.00"), usd("0.00"));
        book.requestRefund("r1", "d1", usd("30.00"));
        assertThat(ledger.creditBalance(Account.fund(SADAQAH), USD)).isEqualTo(usd("0.00"));
        assertThat(ledger.creditBalance(Account.fund(ZAKAT), USD)).isEqualTo(usd("370.00"));
    }

    @Test
    void confirmed_refund_leaves_clearing_and_settles_the_payable() {
        book.donate("d1", Account.fund(SADAQAH), usd("100.00"), usd("0.00"));
        book.requestRefund("r1", "d1", usd("40.00"));
        assertThat(ledger.creditBalance(Account.refundsPayable(), USD)).isEqualTo(usd("40.00"));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(usd("100.00"));

        book.confirmRefund("r1");
        assertThat(ledger.creditBalance(Account.refundsPayable(), USD)).isEqualTo(usd("0.00"));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(usd("60.00"));
        assertThat(ledger.creditBalance(Account.fund(SADAQAH), USD)).isEqualTo(usd("60.00"));
    }

    @Test
    void failed_refund_is_voided_and_reversed_so_the_money_is_back_in_the_fund() {
        book.donate("d1", Account.fund(SADAQAH), usd("100.00"), usd("0.00"));
        var refund = book.requestRefund("r1", "d1", usd("40.00"));
        var reversal = book.failRefund("r1");

        assertThat(reversal.reversalOf()).hasValue(refund.release().id());
        assertThat(ledger.creditBalance(Account.fund(SADAQAH), USD)).isEqualTo(usd("100.00"));
        assertThat(ledger.creditBalance(Account.refundsPayable(), USD)).isEqualTo(usd("0.00"));
        assertThat(ledger.balance(CLEARING, USD)).isEqualTo(usd("100.00"));
        assertThat(book.refundable("d1")).isEqualTo(usd("100.00"));
        assertThatThrownBy(() -> book.confirmRefund("r1"))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.TRANSFER_NOT_PENDING);
    }

    @Test
    void approved_distribution_pays_recipients_and_the_administrators_share() {
        book.donate("d1", Account.fund(ZAKAT), usd("1000.00"), usd("0.00"));
        var poor = Recipient.ofZakat("r1", "Family", ZakatCategory.POOR);
        var staff = Recipient.ofZakat("staff", "Staff", ZakatCategory.ADMINISTRATORS);
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("800.00"),
                List.of(new Share(poor, new BigDecimal("7")), new Share(staff, new BigDecimal("1"))),
                "aisha", DistributionRules.defaults());
        book.distribute(plan.approve("bilal"));

        assertThat(ledger.creditBalance(Account.fund(ZAKAT), USD)).isEqualTo(usd("200.00"));
        assertThat(ledger.creditBalance(Account.recipientPayable(poor), USD)).isEqualTo(usd("700.00"));
        assertThat(ledger.creditBalance(Account.administratorsShare(), USD)).isEqualTo(usd("100.00"));
    }

    @Test
    void distribution_cannot_pay_out_more_than_the_fund_holds() {
        book.donate("d1", Account.fund(ZAKAT), usd("100.00"), usd("0.00"));
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("100.01"),
                List.of(new Share(Recipient.ofZakat("r1", "Family", ZakatCategory.POOR), BigDecimal.ONE)),
                "aisha", DistributionRules.defaults());
        assertThatThrownBy(() -> book.distribute(plan.approve("bilal")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(ledger.transactions()).hasSize(1);
    }

    @Test
    void refund_of_money_already_distributed_is_refused() {
        book.donate("d1", Account.fund(ZAKAT), usd("100.00"), usd("0.00"));
        var plan = DistributionPlan.prepare("p1", ZAKAT, usd("100.00"),
                List.of(new Share(Recipient.ofZakat("r1", "Family", ZakatCategory.POOR), BigDecimal.ONE)),
                "aisha", DistributionRules.defaults());
        book.distribute(plan.approve("bilal"));
        assertThatThrownBy(() -> book.requestRefund("r1", "d1", usd("1.00")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void zakat_is_paid_only_into_a_zakat_fund_with_its_excess_into_another_sadaqah_fund() {
        var waqf = new Fund("waqf", "Waqf", FundType.WAQF);
        var sadaqahNamedZakat = new Fund(ZAKAT.id(), "Sadaqah", FundType.SADAQAH);
        assertThatThrownBy(() -> book.payZakat("d1", SADAQAH, ZAKAT, usd("100.00"), usd("120.00"), usd("0.00")))
                .isInstanceOfSatisfying(FinanceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WRONG_FUND_TYPE);
                    assertThat(e.field()).isEqualTo("zakatFund");
                });
        for (var excess : List.of(waqf, ZAKAT, sadaqahNamedZakat)) {
            assertThatThrownBy(() -> book.payZakat("d1", ZAKAT, excess, usd("100.00"), usd("120.00"), usd("0.00")))
                    .isInstanceOfSatisfying(FinanceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.WRONG_FUND_TYPE);
                        assertThat(e.field()).isEqualTo("sadaqahFund");
                    });
        }
        assertThat(ledger.transactions()).isEmpty();
    }

    @Test
    void an_approved_plan_is_distributed_once() {
        book.donate("d1", Account.fund(ZAKAT), usd("500.00"), usd("0.00"));
        var approved = DistributionPlan.prepare("p1", ZAKAT, usd("100.00"),
                List.of(new Share(Recipient.ofZakat("r1", "Family", ZakatCategory.POOR), BigDecimal.ONE)),
                "aisha", DistributionRules.defaults()).approve("bilal");
        book.distribute(approved);
        assertThatThrownBy(() -> book.distribute(approved))
                .isInstanceOfSatisfying(FinanceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ID));
        assertThat(ledger.creditBalance(Account.fund(ZAKAT), USD)).isEqualTo(usd("400.00"));
    }

    @Test
    void a_sadaqah_plan_pays_even_an_administrators_recipient_as_a_recipient_not_from_the_zakat_share() {
        book.donate("d1", Account.fund(SADAQAH), usd("100.00"), usd("0.00"));
        var office = Recipient.ofZakat("office", "Office", ZakatCategory.ADMINISTRATORS);
        var plan = DistributionPlan.prepare("p1", SADAQAH, usd("100.00"), List.of(new Share(office, BigDecimal.ONE)),
                "aisha", DistributionRules.defaults());
        assertThat(plan.administratorsShare()).isEqualTo(usd("0.00"));
        book.distribute(plan.approve("bilal"));
        assertThat(ledger.creditBalance(Account.recipientPayable(office), USD)).isEqualTo(usd("100.00"));
        assertThat(ledger.creditBalance(Account.administratorsShare(), USD)).isEqualTo(usd("0.00"));
    }

    @Test
    void a_donation_id_is_booked_once() {
        book.donate("d1", Account.fund(ZAKAT), usd("10.00"), usd("0.00"));
        assertThatThrownBy(() -> book.donate("d1", Account.fund(ZAKAT), usd("10.00"), usd("0.00")))
                .extracting(e -> ((FinanceException) e).code()).isEqualTo(ErrorCode.DUPLICATE_ID);
    }
}
