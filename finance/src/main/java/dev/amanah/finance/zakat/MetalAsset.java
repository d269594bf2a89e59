package dev.amanah.finance.zakat;

import java.util.Objects;

/**
 * A holding of gold or silver, valued as {@code weight × purity × price per gram of pure metal}.
 *
 * @param metal       gold or silver
 * @param description a label for explanations
 * @param weight      the gross weight (already checked non-negative by {@link Weight})
 * @param purity      the fineness
 * @param personalUse whether it is jewellery worn personally, counted only if the policy says so
 */
public record MetalAsset(Metal metal, String description, Weight weight, Purity purity, boolean personalUse)
        implements Asset {

    /** Requires every component but the flag to be present. */
    public MetalAsset {
        Objects.requireNonNull(metal, "metal");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(purity, "purity");
    }

    @Override
    public AssetKind kind() {
        return metal == Metal.GOLD ? AssetKind.GOLD : AssetKind.SILVER;
    }

    /** The weight of pure metal: {@code weight × fineness}, exact. */
    public Weight pureWeight() {
        return weight.times(purity.fineness());
    }
}
