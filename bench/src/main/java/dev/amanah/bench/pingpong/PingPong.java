package dev.amanah.bench.pingpong;

import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.util.Map;

/**
 * {@code ping_pong}: two processes pass a message back and forth, 1M round trips, and the rate of
 * round trips is reported. Each ping carries its sequence number and the sender's address (as
 * {@code {:ping, n, self()}} would on the BEAM) and each pong echoes the number, which the pinger
 * checks. This is the latency of one send plus one wake-up of a parked receiver, twice.
 */
public final class PingPong {
    static final int ROUND_TRIPS = 1_000_000;

    private PingPong() {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("ping_pong", "two processes, " + Counts.label(ROUND_TRIPS) + " round trips",
                Map.of(Contender.AMANAH, new AmanahPingPong(),
                        Contender.FLOOR_MPSC, new FloorPingPong(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorPingPong(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoPingPong()));
    }

    static Metric rate(Scale scale) {
        return new Metric("ping-pong: " + Counts.label(scale.count(ROUND_TRIPS)) + " round trips (round trips/s)",
                Metric.Unit.PER_SECOND);
    }

    static String mismatch(int expected, int actual) {
        return "ping_pong: pong " + actual + " answered ping " + expected;
    }
}
