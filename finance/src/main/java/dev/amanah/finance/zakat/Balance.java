package dev.amanah.finance.zakat;

import dev.amanah.finance.money.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One point of a balance history: the net zakatable wealth from {@code on} until the next point.
 * A history of these over the year is what a CONTINUOUS hawl is checked against, and what tells
 * an ENDPOINTS hawl that wealth fell to zero.
 *
 * @param on        the day the balance took this value
 * @param netWealth the net wealth from that day, in the assessment currency (may be negative)
 */
public record Balance(LocalDate on, Money netWealth) {
    /** Requires both components. */
    public Balance {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(netWealth, "netWealth");
    }
}
