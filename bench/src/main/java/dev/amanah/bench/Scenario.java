package dev.amanah.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * A named workload with one implementation per runtime, as selected on the command line.
 *
 * @param name        the name on the command line, e.g. {@code ping_pong}
 * @param description one line: what it measures and at which size
 * @param workloads   the implementations; a runtime without one shows "—" in the table
 */
public record Scenario(String name, String description, Map<Contender, Workload> workloads) {

    /** Copies the map, keeping it in column order. */
    public Scenario {
        workloads = new EnumMap<>(workloads);
    }
}
