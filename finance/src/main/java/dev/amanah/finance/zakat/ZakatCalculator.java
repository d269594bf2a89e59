package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Currencies;
import dev.amanah.finance.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Assesses zakat on wealth valued in money. A pure function of its {@link ZakatRequest}: no clock,
 * no I/O, the same request always gives the same assessment.
 *
 * <p>The rules, in the order they are applied (each one a step of the {@link Explanation}):
 * <ol>
 *   <li>Each asset is counted at {@code value × zakatable fraction}; metal at
 *       {@code grams × fineness × price per gram}. Personal-use jewellery is left out when the
 *       policy says it is not zakatable.</li>
 *   <li>Each liability's deductible part is subtracted (see {@link Liability}).</li>
 *   <li>Nisab is {@code grams × price} of the policy's metal; for LOWER_OF_TWO, of the cheaper.</li>
 *   <li>The hawl must be complete on the assessment date (see {@link HawlRule}, {@link YearBasis}).
 *       Wealth added during the year joins it: only the net wealth on the assessment date and
 *       the balance history matter, not when each part was acquired.</li>
 *   <li>Zakat is due when net wealth is <em>at or above</em> nisab (equality counts). The rate
 *       applies to the whole net wealth, not to the excess over nisab. A net wealth of zero or less
 *       is simply not due.</li>
 *   <li>The amount is computed exactly and rounded <em>up</em> to the minor unit
 *       ({@link RoundingMode#CEILING}), so zakat is never underpaid; the exact value is kept.</li>
 * </ol>
 * Comparisons use exact values: nisab is never rounded before wealth is compared with it.
 */
public final class ZakatCalculator {
    private ZakatCalculator() {
    }

    /**
     * Assesses a request.
     *
     * @throws FinanceException {@code CURRENCY_MISMATCH} (field {@code assets[i].amount},
     *     {@code liabilities[i]}, {@code prices.<metal>} or {@code balanceHistory[i].amount}) for a
     *     figure not in the assessment currency; {@code MISSING_PRICE} (field {@code prices.<metal>})
     *     for a metal price the nisab standard or a metal holding needs; {@code AMOUNT_TOO_LARGE}
     *     (field {@code assets[i]}) for a metal holding worth more than the largest {@link Money}, (field
     *     {@code assets}) for a zakat due more than that; {@code MISSING_BALANCE_HISTORY}
     *     for a CONTINUOUS hawl without history; {@code INVALID_DATE} for nisab reached after the
     *     assessment date, history after it or two balances on one day,
     *     and for a LUNAR year a date or zakat day outside the Umm al-Qura calendar (1882–2174);
     *     {@code NOT_A_PAYMENT_CURRENCY} for the currency
     */
    public static Assessment assess(ZakatRequest request) {
        var policy = request.policy();
        var currency = request.currency();
        var code = currency.getCurrencyCode();
        var scale = Currencies.scale(currency);
        request.prices().byMetal().values().forEach(price -> {
            if (!price.currency().equals(currency)) {
                throw mismatch("prices." + price.metal().label(), price.currency(), currency);
            }
        });

        var steps = new ArrayList<Step>();
        var assets = BigDecimal.ZERO;
        for (var i = 0; i < request.assets().size(); i++) {
            var step = count(request.assets().get(i), i, request, code, scale);
            steps.add(step);
            if (step.kind() == StepKind.ASSET) {
                assets = assets.add(step.value());
            }
        }
        var liabilities = BigDecimal.ZERO;
        for (var i = 0; i < request.liabilities().size(); i++) {
            var liability = request.liabilities().get(i);
            var deductible = inCurrency(liability.deductible(), currency, "liabilities[" + i + "]");
            liabilities = liabilities.add(deductible.amount());
            steps.add(new Step(StepKind.LIABILITY, "liability: " + liability.description(), deductible.amount(), code,
                    liability.rule()));
        }
        var net = Format.amount(assets.subtract(liabilities), scale);
        steps.add(new Step(StepKind.NET_WEALTH, "net wealth", net, code,
                "assets " + Format.money(assets, scale) + " − liabilities " + Format.money(liabilities, scale)));

        var nisab = NisabRule.of(policy, request.prices());
        steps.add(new Step(StepKind.NISAB, nisab.metal().label() + " nisab", nisab.value(), code,
                Format.plain(nisab.grams()) + " g × " + nisab.price() + "; " + nisab.reason()));

        var history = new ArrayList<Hawl.Point>();
        for (var i = 0; i < request.balanceHistory().size(); i++) {
            var balance = request.balanceHistory().get(i);
            history.add(new Hawl.Point(balance.on(),
                    inCurrency(balance.netWealth(), currency, "balanceHistory[" + i + "].amount").amount()));
        }
        var hawl = Hawl.check(policy.hawlRule(), policy.yearBasis(), request.nisabReachedOn(), request.assessmentDate(),
                history, nisab.value());
        steps.add(Hawl.step(hawl, policy.hawlRule(), policy.yearBasis()));

        var reason = Hawl.notDueReason(hawl, net, nisab.value());
        if (reason.isPresent()) {
            steps.add(new Step(StepKind.OUTCOME, "not due", null, "", reason.get().describe()));
            return new Assessment.NotDue(currency, net, nisab, reason.get(), new Explanation(steps));
        }
        var rate = policy.yearBasis().rate();
        var exact = Format.amount(net.multiply(rate), scale);
        var rounded = exact.setScale(scale, RoundingMode.CEILING);
        steps.add(new Step(StepKind.RATE, "zakat at " + Format.percent(rate), exact, code,
                "whole net wealth " + Format.money(net, scale) + " × " + Format.plain(rate) + " (" + policy.yearBasis()
                        + " year), net wealth is at or above nisab " + Format.money(nisab.value(), scale)));
        steps.add(new Step(StepKind.ROUNDING, "rounded up", rounded, code,
                exact.toPlainString() + " rounded up (CEILING) to " + scale + " decimals, never underpaid"));
        var due = due(rounded, currency);
        steps.add(new Step(StepKind.OUTCOME, "due", rounded, code, "zakat of " + due + " is due"));
        var zakatDay = ((Hawl.Outcome.Complete) hawl).zakatDay(); // no reason not to pay: the hawl is complete
        return new Assessment.Due(currency, net, nisab, zakatDay, rate, exact, due, RoundingMode.CEILING,
                new Explanation(steps));
    }

    private static Step count(Asset asset, int index, ZakatRequest request, String code, int scale) {
        var policy = request.policy();
        var fraction = policy.zakatableFraction(asset.kind());
        var label = asset.kind().label() + ": " + asset.description();
        return switch (asset) {
            case MoneyAsset money -> {
                var value = inCurrency(money.value(), request.currency(), "assets[" + index + "].amount").amount();
                yield new Step(StepKind.ASSET, label, Format.amount(value.multiply(fraction), scale), code,
                        Format.money(value, scale) + " × " + Format.percent(fraction) + " zakatable");
            }
            case MetalAsset metal when metal.personalUse() && !policy.personalJewelleryZakatable() ->
                    new Step(StepKind.EXCLUDED, label, Format.amount(metal.weight().grams(), 0), "g",
                            "personal-use jewellery, not zakatable under this policy");
            case MetalAsset metal -> {
                var price = request.prices().require(metal.metal(), "to value " + label + " (assets[" + index + "])");
                var pure = metal.pureWeight().grams();
                var value = valued(price.valueOf(pure), request.currency(), label, "assets[" + index + "]");
                yield new Step(StepKind.ASSET, label, Format.amount(value.multiply(fraction), scale), code,
                        Format.plain(metal.weight().grams()) + " g × " + metal.purity() + " fine = "
                                + Format.plain(pure) + " g × " + price + " × " + Format.percent(fraction)
                                + " zakatable");
            }
        };
    }

    /**
     * The zakat due as an amount, refused where it is more than any amount can be: named by the
     * assets that make it so, not by Money's own field ({@code amount}), which no input has.
     */
    private static Money due(BigDecimal rounded, Currency currency) {
        try {
            return Money.of(rounded, currency);
        } catch (FinanceException e) {
            throw e.code() == ErrorCode.AMOUNT_TOO_LARGE ? new FinanceException(e.code(), "assets", "the zakat due on them: " + e.detail()) : e;
        }
    }

    /**
     * A metal's value, refused where it is more than any amount can be: named by its asset, as a
     * missing price is, not by the zakat due it would make too large later ({@code amount}).
     */
    private static BigDecimal valued(BigDecimal value, Currency currency, String label, String field) {
        try {
            Money.of(value.setScale(Currencies.scale(currency), RoundingMode.CEILING), currency);
        } catch (FinanceException e) {
            throw e.code() == ErrorCode.AMOUNT_TOO_LARGE ? new FinanceException(e.code(), field, "valuing " + label + ": " + e.detail()) : e;
        }
        return value;
    }

    private static Money inCurrency(Money amount, Currency currency, String field) {
        if (!amount.currency().equals(currency)) {
            throw mismatch(field, amount.currency(), currency);
        }
        return amount;
    }

    private static FinanceException mismatch(String field, Currency given, Currency expected) {
        return new FinanceException(ErrorCode.CURRENCY_MISMATCH, field,
                given.getCurrencyCode() + " given where the assessment is in " + expected.getCurrencyCode()
                        + "; convert it first with an exchange rate");
    }
}
