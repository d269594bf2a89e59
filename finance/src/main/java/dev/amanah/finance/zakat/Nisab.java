package dev.amanah.finance.zakat;

import java.math.BigDecimal;

/**
 * The threshold an assessment used and why.
 *
 * @param standard the policy's standard
 * @param metal    the metal whose value was taken (for LOWER_OF_TWO, the cheaper one)
 * @param grams    the nisab weight of that metal
 * @param price    the price used
 * @param value    {@code grams × price}, exact (not rounded: wealth is compared with the exact value)
 * @param reason   one sentence on why this metal, e.g. "silver nisab 565.25 is below gold nisab 5814.00"
 */
public record Nisab(NisabStandard standard, Metal metal, BigDecimal grams, MetalPrice price, BigDecimal value,
                    String reason) {
}
