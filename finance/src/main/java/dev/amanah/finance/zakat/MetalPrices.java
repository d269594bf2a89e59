package dev.amanah.finance.zakat;

import dev.amanah.finance.ErrorCode;
import dev.amanah.finance.FinanceException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metal prices given to an assessment; either may be absent when the assessment does not
 * need it (no silver held and a GOLD nisab, say).
 *
 * @param byMetal the prices, at most one per metal
 */
public record MetalPrices(Map<Metal, MetalPrice> byMetal) {

    /** Copies the map; each price must be filed under its own metal. */
    public MetalPrices {
        var copy = new EnumMap<Metal, MetalPrice>(Metal.class);
        byMetal.forEach((metal, price) -> {
            if (price.metal() != metal) {
                throw new IllegalArgumentException(price + " filed under " + metal);
            }
            copy.put(metal, price);
        });
        byMetal = Map.copyOf(copy);
    }

    /** The given prices, keyed by their metal. */
    public static MetalPrices of(MetalPrice... prices) {
        var map = new EnumMap<Metal, MetalPrice>(Metal.class);
        List.of(prices).forEach(p -> map.put(p.metal(), p));
        return new MetalPrices(map);
    }

    /** The price of a metal, if given. */
    public Optional<MetalPrice> find(Metal metal) {
        return Optional.ofNullable(byMetal.get(metal));
    }

    /**
     * The price of a metal, which the caller needs for {@code purpose}.
     *
     * @throws FinanceException {@code MISSING_PRICE} (field {@code prices.<metal>}) if absent
     */
    public MetalPrice require(Metal metal, String purpose) {
        return find(metal).orElseThrow(() -> new FinanceException(ErrorCode.MISSING_PRICE, "prices." + metal.label(),
                "a " + metal.label() + " price per gram is needed " + purpose));
    }
}
