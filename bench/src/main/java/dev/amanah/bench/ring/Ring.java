package dev.amanah.bench.ring;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.util.Map;

/**
 * {@code ring}: 10,000 processes in a ring pass one token around 1,000 times, 10M messages, and
 * the rate of messages is reported. Timing starts when every process waits for its first token
 * (spawning is not timed) and ends when every process has forwarded its last one and ended.
 *
 * <p>The token counts its hops; process {@code i} (from 0) must receive the hops
 * {@code i+1, i+1+n, i+1+2n, ...}; it forwards {@code hops+1} to process {@code i+1 mod n}, except
 * the token with the last hop, which ends the run. Each process ends after {@code rounds} tokens,
 * so a lost, duplicated or misrouted token fails the check or leaves a process waiting (a timeout).
 */
public final class Ring {
    static final int PROCESSES = 10_000;
    static final int ROUNDS = 1_000;
    /** Messages per point of the scaling curve, whatever the ring's size. */
    static final int CURVE_MESSAGES = 1_000_000;

    private Ring() {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("ring", Counts.label(PROCESSES) + " processes × " + Counts.label(ROUNDS)
                + " rounds of one token", Map.of(
                Contender.AMANAH, new AmanahRing(),
                Contender.FLOOR_MPSC, new FloorRing(FloorMailbox.Kind.MPSC),
                Contender.FLOOR_LTQ, new FloorRing(FloorMailbox.Kind.LTQ),
                Contender.PEKKO, new PekkoRing()));
    }

    /**
     * The sizes of one run and the token rule every implementation follows.
     *
     * @param processes processes in the ring
     * @param rounds    times the token goes around
     */
    record Size(int processes, int rounds) {
        static Size of(Scale scale) {
            if (scale.isPoint()) {
                // A curve point: N processes, about CURVE_MESSAGES messages (at least one round).
                return new Size(scale.point(), Math.max(1, CURVE_MESSAGES / scale.point()));
            }
            // Scale the rounds, not the ring: 10,000 parked processes is part of the scenario.
            return new Size(PROCESSES, scale.count(ROUNDS));
        }

        long messages() {
            return (long) processes * rounds;
        }

        Metric metric() {
            return new Metric("ring: " + Counts.label(processes) + " processes × " + Counts.label(rounds)
                    + " rounds (msgs/s)", Metric.Unit.PER_SECOND);
        }

        /** Checks that process {@code index} got the right token; true if it is the last hop. */
        boolean isLast(int index, long hops) {
            BenchmarkFailure.check((hops - 1) % processes == index, () ->
                    "ring: process " + index + " got the token at hop " + hops);
            return hops == messages();
        }

        int next(int index) {
            return index + 1 == processes ? 0 : index + 1;
        }
    }

    /** The token: how many times it has been sent, counting the first send into the ring. */
    record Token(long hops) {
    }
}
