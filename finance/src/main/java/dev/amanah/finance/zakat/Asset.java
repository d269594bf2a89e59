package dev.amanah.finance.zakat;

import dev.amanah.finance.money.Money;

/**
 * One item of wealth put forward for assessment: either an amount of money of some kind
 * ({@link MoneyAsset}) or a holding of metal by weight ({@link MetalAsset}).
 */
public sealed interface Asset permits MoneyAsset, MetalAsset {

    /** The kind, which selects the zakatable fraction. */
    AssetKind kind();

    /** A free-text label for explanations ("Current account", "Wedding bangles"). */
    String description();

    /** Cash in hand or a bank balance. @see MoneyAsset */
    static MoneyAsset cash(String description, Money value) {
        return new MoneyAsset(AssetKind.CASH, description, value);
    }

    /** Goods held for sale at market value. @see MoneyAsset */
    static MoneyAsset tradeStock(String description, Money marketValue) {
        return new MoneyAsset(AssetKind.TRADE_STOCK, description, marketValue);
    }

    /** Money owed to the person that is expected to be repaid (doubtful debts are left out). @see MoneyAsset */
    static MoneyAsset receivable(String description, Money value) {
        return new MoneyAsset(AssetKind.RECEIVABLE, description, value);
    }

    /** Shares or funds at market value. @see MoneyAsset */
    static MoneyAsset investment(String description, Money marketValue) {
        return new MoneyAsset(AssetKind.INVESTMENT, description, marketValue);
    }

    /** Gold by weight and purity. @see MetalAsset */
    static MetalAsset gold(String description, Weight weight, Purity purity, boolean personalUse) {
        return new MetalAsset(Metal.GOLD, description, weight, purity, personalUse);
    }

    /** Silver by weight and purity. @see MetalAsset */
    static MetalAsset silver(String description, Weight weight, Purity purity, boolean personalUse) {
        return new MetalAsset(Metal.SILVER, description, weight, purity, personalUse);
    }
}
