package dev.amanah.bench;

import dev.amanah.bench.pubsub.PubSubFanout;
import dev.amanah.bench.ring.Ring;
import dev.amanah.bench.spawn.Spawn;
import java.util.List;
import java.util.Optional;

/** The registry of scaling curves, in the order {@code --curves} (and {@code --all}) runs them. */
public final class Curves {
    private static final List<Curve> ALL = List.of(
            new Curve("ring", "ring: N processes pass one token, about 1M messages (msgs/s)", Ring.scenario(),
                    List.of(1_000, 10_000, 100_000, 1_000_000)),
            new Curve("spawn", "spawn: N processes until all wait in receive (ms)", Spawn.scenario(),
                    List.of(1_000, 10_000, 100_000, 1_000_000)),
            new Curve("pubsub_fanout", "pubsub_fanout: N subscribers, about 1M deliveries (deliveries/s)",
                    PubSubFanout.scenario(), List.of(100, 1_000, 10_000, 100_000)));

    private Curves() {
    }

    /** Every curve. */
    public static List<Curve> all() {
        return ALL;
    }

    /** The curve named {@code name}, if any. */
    public static Optional<Curve> named(String name) {
        return ALL.stream().filter(curve -> curve.name().equals(name)).findFirst();
    }
}
