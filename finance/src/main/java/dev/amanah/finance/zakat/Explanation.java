package dev.amanah.finance.zakat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How an assessment reached its result: every step in order, as data and as text, so that a
 * person can redo the calculation by hand and an auditor can follow every figure.
 *
 * @param steps the steps in the order they were taken
 */
public record Explanation(List<Step> steps) {

    /** Copies the list. */
    public Explanation {
        steps = List.copyOf(steps);
    }

    /** The steps of one kind, in order. */
    public List<Step> steps(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).toList();
    }

    /** Numbered lines, one per step, e.g. {@code 3. NISAB  silver nisab  565.25 GBP  — 595 g × 0.95 GBP/g}. */
    public String toText() {
        return IntStream.range(0, steps.size())
                .mapToObj(i -> "%2d. %-10s %s".formatted(i + 1, steps.get(i).kind(), steps.get(i).toText()))
                .collect(Collectors.joining("\n"));
    }
}
