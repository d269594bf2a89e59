package dev.amanah.bench.cast;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code cast}: one client process sends 1M asynchronous messages to a server as fast as it can,
 * then one call that returns how many the server has handled; reported as messages per second
 * (1M + 1), from spawning the client until the reply. This is {@code GenServer.cast}'s throughput:
 * the sender never waits, the server drains its mailbox. The server checks that the casts arrive
 * in the order sent, and the client that the count is 1M.
 * <p>
 * Amanah: {@code send} for the casts and {@code Processes.request}/{@code reply} for the call, on a
 * raw receive loop ("Amanah request/reply" until {@code GenServer} exists). Pekko: a client actor
 * that tells the casts and then a request with its {@code replyTo}.
 */
public final class Cast {
    static final int CASTS = 1_000_000;
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    private Cast() {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("cast", Counts.label(CASTS) + " casts then 1 call (Amanah: send + Processes.request/reply)",
                Map.of(Contender.AMANAH, new AmanahCast(),
                        Contender.FLOOR_MPSC, new FloorCast(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorCast(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoCast()));
    }

    static List<Sample> samples(int casts, long nanos) {
        return List.of(Sample.rate(new Metric("cast (Amanah send + request/reply): " + Counts.label(casts)
                + " casts then 1 call (msgs/s)", Metric.Unit.PER_SECOND), casts + 1L, nanos));
    }

    /** Checks that cast {@code n} arrived when {@code handled} casts had been handled before it. */
    static void checkOrder(int n, long handled) {
        BenchmarkFailure.check(n == handled, () -> "cast: cast " + n + " arrived after " + handled + " casts");
    }

    static void checkCount(int casts, Object count) {
        BenchmarkFailure.check(count instanceof Long handled && handled == casts, () ->
                "cast: the server counted " + count + " casts of " + casts);
    }
}
