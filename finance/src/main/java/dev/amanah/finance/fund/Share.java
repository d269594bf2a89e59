package dev.amanah.finance.fund;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A recipient's share in a distribution, as a ratio to the other shares (weights, percentages or
 * household sizes alike: only proportions matter).
 *
 * @param recipient who receives
 * @param ratio     non-negative weight; zero receives nothing
 */
public record Share(Recipient recipient, BigDecimal ratio) {
    /** Requires both components; the ratio's sign is checked by the allocation. */
    public Share {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ratio, "ratio");
    }
}
