package dev.amanah.finance.zakat;

import java.math.BigDecimal;

/** Finds the nisab under a policy from the metal prices. */
final class NisabRule {
    private NisabRule() {
    }

    static Nisab of(ZakatPolicy policy, MetalPrices prices) {
        return switch (policy.nisabStandard()) {
            case GOLD -> single(policy, prices, Metal.GOLD, "the policy's standard is GOLD");
            case SILVER -> single(policy, prices, Metal.SILVER, "the policy's standard is SILVER");
            case LOWER_OF_TWO -> {
                var purpose = "for the LOWER_OF_TWO nisab";
                var gold = value(policy, prices.require(Metal.GOLD, purpose), Metal.GOLD);
                var silver = value(policy, prices.require(Metal.SILVER, purpose), Metal.SILVER);
                // Equal values: gold, the classical standard of the two.
                var lower = silver.compareTo(gold) < 0 ? Metal.SILVER : Metal.GOLD;
                var price = prices.require(lower, purpose);
                var scale = price.currency().getDefaultFractionDigits();
                var reason = "LOWER_OF_TWO: silver nisab " + Format.money(silver, scale)
                        + (lower == Metal.SILVER ? " is below" : " is not below") + " gold nisab " + Format.money(gold, scale);
                yield new Nisab(policy.nisabStandard(), lower, policy.nisabGrams(lower), price,
                        lower == Metal.SILVER ? silver : gold, reason);
            }
        };
    }

    private static Nisab single(ZakatPolicy policy, MetalPrices prices, Metal metal, String reason) {
        var price = prices.require(metal, "for the " + policy.nisabStandard() + " nisab");
        return new Nisab(policy.nisabStandard(), metal, policy.nisabGrams(metal), price, value(policy, price, metal),
                reason);
    }

    private static BigDecimal value(ZakatPolicy policy, MetalPrice price, Metal metal) {
        return Format.amount(price.valueOf(policy.nisabGrams(metal)), price.currency().getDefaultFractionDigits());
    }
}
