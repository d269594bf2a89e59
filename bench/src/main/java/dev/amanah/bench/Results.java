package dev.amanah.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured samples of one scenario: for each metric, in the order first reported, and each
 * runtime, the values of the measured repetitions (warm-up excluded), in repetition order.
 * Not thread-safe.
 */
final class Results {
    private final Scenario scenario;
    private final Map<Metric, Map<Contender, List<Double>>> values = new LinkedHashMap<>();
    private String beamFlags = "";
    private Duration elapsed = Duration.ZERO;

    Results(Scenario scenario) {
        this.scenario = scenario;
    }

    Scenario scenario() {
        return scenario;
    }

    void add(Contender contender, List<Sample> samples) {
        for (var sample : samples) {
            values.computeIfAbsent(sample.metric(), metric -> new EnumMap<>(Contender.class))
                    .computeIfAbsent(contender, c -> new ArrayList<>())
                    .add(sample.value());
        }
    }

    /** The wall time the scenario took, warm-ups and the BEAM's twin included. */
    Duration elapsed() {
        return elapsed;
    }

    void elapsed(Duration took) {
        elapsed = took;
    }

    /**
     * The measured repetitions of this JVM's runtimes: the most values any of them has for a
     * metric, since each repetition adds one (the BEAM's twin, which may run fewer, not counted).
     */
    int repetitions() {
        return values.values().stream()
                .flatMap(byContender -> byContender.entrySet().stream())
                .filter(entry -> entry.getKey() != Contender.BEAM)
                .mapToInt(entry -> entry.getValue().size())
                .max().orElse(0);
    }

    /** The flags the BEAM twin ran with; empty if it did not run. */
    String beamFlags() {
        return beamFlags;
    }

    void beamFlags(String flags) {
        beamFlags = flags;
    }

    List<Metric> metrics() {
        return List.copyOf(values.keySet());
    }

    /** The values of {@code metric} for {@code contender}; empty if it has no implementation. */
    List<Double> values(Metric metric, Contender contender) {
        return values.getOrDefault(metric, Map.of()).getOrDefault(contender, List.of());
    }

    /** The median of {@link #values}, or NaN when there are none. */
    double median(Metric metric, Contender contender) {
        return median(values(metric, contender));
    }

    /**
     * Amanah's value of {@code metric} over {@code other}'s, in the metric's unit (for a rate,
     * above 1 means Amanah is faster; for a time or a size, that it takes more); NaN when either
     * has no values.
     *
     * <p>For a runtime of this JVM, the median of the ratios repetition by repetition: a
     * repetition runs the runtimes one right after the other, so each pair meets the same state
     * of the machine. The host's speed is not steady: on the 2-vCPU VM of 5 December 2026 every
     * runtime's rate rose 2.5-3x within a minute and fell back, and a ratio of the two medians
     * then compared one runtime's slow runs with the other's fast ones (the 1,000-client call read
     * 0.40x Pekko, where its three repetitions, pairwise, read 1.19x, 0.40x and 1.10x;
     * {@code results/2026-12-05-host-drift.md}). The BEAM runs apart, after the JVM's repetitions,
     * so there is nothing to pair: the ratio of the two medians.
     */
    double ratio(Metric metric, Contender other) {
        var amanah = values(metric, Contender.AMANAH);
        var theirs = values(metric, other);
        if (other == Contender.BEAM || amanah.size() != theirs.size()) {
            return median(amanah) / median(theirs);
        }
        var ratios = new ArrayList<Double>(amanah.size());
        for (int i = 0; i < amanah.size(); i++) {
            ratios.add(amanah.get(i) / theirs.get(i));
        }
        return median(ratios);
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
