package dev.amanah.finance.zakat;

import dev.amanah.finance.FinanceException;
import java.math.BigDecimal;
import java.util.ArrayList;

/**
 * Assesses a metal by weight: 100 g of pure gold held a full lunar year owes 2.5 g of gold.
 *
 * <p>Each metal is measured against its own nisab weight (the policy's gold or silver grams); the
 * nisab standard, which compares values across metals, plays no part, and no price is needed.
 * Personal-use jewellery follows the policy, the hawl follows {@link HawlRule} on the pure weight
 * history, and the result is exact (a weight is not rounded to a currency's minor unit). Each holding
 * counts at the policy's zakatable fraction for the metal's {@link AssetKind}, as in
 * {@link ZakatCalculator}, so that the same holdings owe the same zakat whether they are assessed by
 * weight or by value.
 */
public final class MetalWeightZakat {
    private MetalWeightZakat() {
    }

    /**
     * Assesses a request.
     *
     * @throws FinanceException {@code MISSING_BALANCE_HISTORY} for a CONTINUOUS hawl without
     *     history, {@code INVALID_DATE} for dates after the assessment date
     */
    public static WeightAssessment assess(WeightRequest request) {
        var policy = request.policy();
        var metal = request.metal();
        var steps = new ArrayList<Step>();
        var fraction = policy.zakatableFraction(metal.assetKind());
        var held = Weight.grams(BigDecimal.ZERO);
        for (var holding : request.holdings()) {
            var label = metal.label() + ": " + holding.description();
            if (holding.personalUse() && !policy.personalJewelleryZakatable()) {
                steps.add(new Step(StepKind.EXCLUDED, label, Format.amount(holding.weight().grams(), 0), "g",
                        "personal-use jewellery, not zakatable under this policy"));
                continue;
            }
            var counted = holding.pureWeight().times(fraction);
            held = held.plus(counted);
            steps.add(new Step(StepKind.ASSET, label, Format.amount(counted.grams(), 0), "g",
                    Format.plain(holding.weight().grams()) + " g × " + holding.purity() + " fine"
                            + (fraction.compareTo(BigDecimal.ONE) == 0 ? "" : " × " + Format.percent(fraction) + " zakatable")));
        }
        var nisab = Weight.grams(policy.nisabGrams(metal));
        steps.add(new Step(StepKind.NET_WEALTH, "pure " + metal.label() + " held", Format.amount(held.grams(), 0), "g", ""));
        steps.add(new Step(StepKind.NISAB, metal.label() + " nisab", Format.amount(nisab.grams(), 0), "g",
                "a metal assessed by weight is measured against its own nisab weight"));

        var history = request.pureWeightHistory().entrySet().stream()
                .map(e -> new Hawl.Point(e.getKey(), e.getValue().grams())).toList();
        var hawl = Hawl.check(policy.hawlRule(), policy.yearBasis(), request.nisabReachedOn(), request.assessmentDate(),
                history, nisab.grams());
        steps.add(Hawl.step(hawl, policy.hawlRule(), policy.yearBasis()));

        var reason = Hawl.notDueReason(hawl, held.grams(), nisab.grams());
        if (reason.isPresent()) {
            steps.add(new Step(StepKind.OUTCOME, "not due", null, "", reason.get().describe()));
            return new WeightAssessment.NotDue(metal, held, nisab, reason.get(), new Explanation(steps));
        }
        var rate = policy.yearBasis().rate();
        var zakat = held.times(rate);
        steps.add(new Step(StepKind.RATE, "zakat at " + Format.percent(rate), Format.amount(zakat.grams(), 0), "g",
                Format.plain(held.grams()) + " g × " + Format.plain(rate) + " (" + policy.yearBasis() + " year)"));
        steps.add(new Step(StepKind.OUTCOME, "due", Format.amount(zakat.grams(), 0), "g",
                zakat + " of pure " + metal.label() + ", exact (a weight is not rounded)"));
        var zakatDay = ((Hawl.Outcome.Complete) hawl).zakatDay(); // no reason not to pay: the hawl is complete
        return new WeightAssessment.Due(metal, held, nisab, zakatDay, rate, zakat,
                new Explanation(steps));
    }
}
