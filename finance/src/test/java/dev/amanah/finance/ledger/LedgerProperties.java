package dev.amanah.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of donations, zakat payments, partial refunds (confirmed or failed at the
 * gateway) and distributions, in two currencies. Operations the rules forbid (refunding more than
 * was given, paying out more than a fund holds) must be refused and leave the ledger untouched.
 */
class LedgerProperties {
    private static final List<Currency> CURRENCIES = List.of(Currency.getInstance("USD"), Currency.getInstance("KWD"));
    private static final List<Fund> FUNDS = List.of(
            new Fund("zakat", "Zakat", FundType.ZAKAT),
            new Fund("sadaqah", "Sadaqah", FundType.SADAQAH),
            new Fund("waqf", "Waqf", FundType.WAQF));
    private static final List<Recipient> RECIPIENTS = List.of(
            Recipient.ofZakat("poor", "Poor family", ZakatCategory.POOR),
            Recipient.ofZakat("debtor", "Debtor", ZakatCategory.DEBTORS),
            Recipient.ofZakat("staff", "Staff", ZakatCategory.ADMINISTRATORS));

    sealed interface Op {
        record Donate(int fund, int currency, long minor, long feeMinor) implements Op {
        }

        record PayZakat(int currency, long dueMinor, long paidMinor) implements Op {
        }

        record Refund(int donation, long minor) implements Op {
        }

        record Resolve(int refund, boolean confirmed) implements Op {
        }

        record Distribute(int fund, int currency, long minor, int poor, int debtor, int staff) implements Op {
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        var currency = Arbitraries.integers().between(0, CURRENCIES.size() - 1);
        var fund = Arbitraries.integers().between(0, FUNDS.size() - 1);
        var minor = Arbitraries.longs().between(1, 100_000);
        var index = Arbitraries.integers().between(0, 50);
        var ratio = Arbitraries.integers().between(0, 10);
        Arbitrary<Op> donate = Combinators.combine(fund, currency, minor, Arbitraries.longs().between(0, 500))
                .as((f, c, m, fee) -> new Op.Donate(f, c, m, Math.min(fee, m)));
        Arbitrary<Op> zakat = Combinators.combine(currency, minor, minor).as(Op.PayZakat::new);
        Arbitrary<Op> refund = Combinators.combine(index, minor).as(Op.Refund::new);
        Arbitrary<Op> resolve = Combinators.combine(index, Arbitraries.of(true, false)).as(Op.Resolve::new);
        Arbitrary<Op> distribute = Combinators.combine(fund, currency, minor, ratio, ratio, ratio)
                .as((f, c, m, p, d, s) -> new Op.Distribute(f, c, m, p + 1, d, s));
        return Arbitraries.oneOf(donate, zakat, refund, resolve, distribute).list().ofMaxSize(60);
    }

    @Property(tries = 1_000, seed = "20250301")
    void every_transaction_balances_every_account_is_the_sum_of_its_entries_and_refunds_never_exceed_gifts(
            @ForAll("operations") List<Op> ops) {
        var ledger = new Ledger();
        var book = new DonationBook(ledger, "gateway");
        var donations = new ArrayList<String>();
        var given = new HashMap<String, Money>();
        var refunds = new ArrayList<String>();
        var refundedOpen = new HashMap<String, Money>();
        var refundAmounts = new HashMap<String, Money>();
        var refundDonation = new HashMap<String, String>();

        for (var op : ops) {
            var before = ledger.transactions().size();
            try {
                switch (op) {
                    case Op.Donate d -> {
                        var id = "d" + donations.size();
                        var c = CURRENCIES.get(d.currency());
                        book.donate(id, Account.fund(FUNDS.get(d.fund())), Money.ofMinor(d.minor(), c),
                                Money.ofMinor(d.feeMinor(), c));
                        donations.add(id);
                        given.put(id, Money.ofMinor(d.minor(), c));
                    }
                    case Op.PayZakat z -> {
                        var id = "d" + donations.size();
                        var c = CURRENCIES.get(z.currency());
                        book.payZakat(id, FUNDS.get(0), FUNDS.get(1), Money.ofMinor(z.dueMinor(), c),
                                Money.ofMinor(z.paidMinor(), c), Money.zero(c));
                        donations.add(id);
                        given.put(id, Money.ofMinor(z.paidMinor(), c));
                    }
                    case Op.Refund r when !donations.isEmpty() -> {
                        var donation = donations.get(r.donation() % donations.size());
                        var id = "r" + refunds.size();
                        var amount = Money.ofMinor(r.minor(), given.get(donation).currency());
                        book.requestRefund(id, donation, amount);
                        refunds.add(id);
                        refundAmounts.put(id, amount);
                        refundDonation.put(id, donation);
                        refundedOpen.merge(donation, amount, Money::plus);
                    }
                    case Op.Resolve r when !refunds.isEmpty() -> {
                        var id = refunds.get(r.refund() % refunds.size());
                        if (r.confirmed()) {
                            book.confirmRefund(id);
                        } else {
                            book.failRefund(id);
                            refundedOpen.merge(refundDonation.get(id), refundAmounts.get(id).negate(), Money::plus);
                        }
                    }
                    case Op.Distribute d -> {
                        var c = CURRENCIES.get(d.currency());
                        var shares = List.of(new Share(RECIPIENTS.get(0), BigDecimal.valueOf(d.poor())),
                                new Share(RECIPIENTS.get(1), BigDecimal.valueOf(d.debtor())),
                                new Share(RECIPIENTS.get(2), BigDecimal.valueOf(d.staff())));
                        var plan = DistributionPlan.prepare("p" + before, FUNDS.get(d.fund()), Money.ofMinor(d.minor(), c),
                                shares, "preparer", DistributionRules.defaults());
                        book.distribute(plan.approve("approver"));
                    }
                    default -> {
                    }
                }
            } catch (FinanceException refused) {
                // a refused operation (over-refund, insufficient funds, cap exceeded, resolved twice) changes nothing
                assertThat(ledger.transactions()).hasSize(before);
            }
            checkInvariants(ledger, book, donations, given, refundedOpen);
        }
    }

    private static void checkInvariants(Ledger ledger, DonationBook book, List<String> donations,
                                        Map<String, Money> given, Map<String, Money> refunded) {
        var sums = new HashMap<Account, Map<Currency, BigDecimal>>();
        for (var transaction : ledger.transactions()) {
            var perCurrency = new HashMap<Currency, BigDecimal>();
            for (var entry : transaction.entries()) {
                perCurrency.merge(entry.amount().currency(), entry.signed().amount(), BigDecimal::add);
                sums.computeIfAbsent(entry.account(), a -> new HashMap<>())
                        .merge(entry.amount().currency(), entry.signed().amount(), BigDecimal::add);
            }
            perCurrency.values().forEach(sum -> assertThat(sum).isZero());
        }
        assertThat(ledger.accounts()).containsExactlyInAnyOrderElementsOf(sums.keySet());
        sums.forEach((account, byCurrency) -> byCurrency.forEach((currency, sum) ->
                assertThat(ledger.balance(account, currency).amount()).isEqualByComparingTo(sum)));
        for (var fund : FUNDS) {
            for (var currency : CURRENCIES) {
                assertThat(ledger.creditBalance(Account.fund(fund), currency).signum()).isNotNegative();
            }
        }
        for (var donation : donations) {
            var out = refunded.getOrDefault(donation, Money.zero(given.get(donation).currency()));
            assertThat(out.compareTo(given.get(donation))).isLessThanOrEqualTo(0);
            assertThat(book.refundable(donation)).isEqualTo(given.get(donation).minus(out));
        }
    }
}
