package dev.amanah.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured samples of one scenario: for each metric, in the order first reported, and each
 * runtime, the values of the measured repetitions (warm-up excluded). Not thread-safe.
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
        var sorted = values(metric, contender).stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
