package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import dev.amanah.finance.money.Money;
import java.util.Objects;

/**
 * Wealth held as an amount of money: cash, trade stock, a receivable or an investment.
 *
 * @param kind        any kind but GOLD or SILVER
 * @param description a label for explanations
 * @param value       the value on the assessment date, zero or more
 */
public record MoneyAsset(AssetKind kind, String description, Money value) implements Asset {

    /**
     * @throws FinanceException {@code NEGATIVE_AMOUNT} (field {@code amount}) for a negative value
     * @throws IllegalArgumentException for a metal kind (use {@link MetalAsset})
     */
    public MoneyAsset {
        Objects.requireNonNull(description, "description");
        if (kind == AssetKind.GOLD || kind == AssetKind.SILVER) {
            throw new IllegalArgumentException("metals are held by weight: use MetalAsset");
        }
        if (value.isNegative()) {
            throw new FinanceException(ErrorCode.NEGATIVE_AMOUNT, "amount",
                    "an asset's value must not be negative, was " + value + " (debts go under liabilities)");
        }
    }
}
