package dev.amanah.finance.zakat;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an assessment, as data: what kind of step, what it is about, the figure it produced
 * (exact, with its unit) and how that figure was obtained, in words a person can check.
 *
 * @param kind   the kind of step
 * @param label  what the step is about ("cash: Current account", "nisab")
 * @param value  the resulting figure, exact, or null for a step without one (a hawl check)
 * @param unit   the unit of {@code value}: a currency code, "g", or "" when there is no value
 * @param detail how the figure was obtained ("12 × 250.00 = 3000.00, below outstanding 5400.00")
 */
public record Step(StepKind kind, String label, BigDecimal value, String unit, String detail) {

    /** Requires kind, label, unit and detail; {@code value} may be null. */
    public Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(detail, "detail");
    }

    /** The figure, if the step has one. */
    public Optional<BigDecimal> figure() {
        return Optional.ofNullable(value);
    }

    /** One line: {@code LABEL  value unit  — detail}. */
    public String toText() {
        var figure = value == null ? "" : "  " + value.toPlainString() + (unit.isEmpty() ? "" : " " + unit);
        return label + figure + (detail.isEmpty() ? "" : "  — " + detail);
    }
}
