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
 * Amanah, twice in each repetition, each in its own row: {@code GenServer.cast} and
 * {@code GenServer.call} against a {@code GenServer} ({@code EchoServer}); and {@code send} for the
 * casts and {@code Processes.request}/{@code reply} for the call, on a raw receive loop ("Amanah
 * send + request/reply"). Pekko: a client actor that tells the casts and then a request with its
 * {@code replyTo}. The floor and Pekko run once per repetition; their figure appears in both rows.
 */
public final class Cast {
    static final int CASTS = 1_000_000;
    static final Duration TIMEOUT = Duration.ofMinutes(1);

    private Cast() {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("cast", Counts.label(CASTS) + " casts then 1 call (Amanah: GenServer.cast + call, and send + Processes.request/reply)",
                Map.of(Contender.AMANAH, new AmanahCast(),
                        Contender.FLOOR_MPSC, new FloorCast(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorCast(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoCast()));
    }

    /**
     * A floor's or Pekko's sample: the same measurement under the rows of both Amanah APIs, which
     * each compare with it.
     */
    static List<Sample> samples(int casts, long nanos) {
        return List.of(sample(Api.GEN_SERVER, casts, nanos), sample(Api.RAW, casts, nanos));
    }

    /** The row of {@code api}. */
    static Sample sample(Api api, int casts, long nanos) {
        return Sample.rate(new Metric("cast (Amanah " + api.label + "): " + Counts.label(casts)
                + " casts then 1 call (msgs/s)", Metric.Unit.PER_SECOND), casts + 1L, nanos);
    }

    /** Which Amanah API a row measures; the floor and Pekko figures appear in the rows of both. */
    enum Api {
        /** {@code GenServer.cast} and {@code GenServer.call} against {@code EchoServer}. */
        GEN_SERVER("GenServer.cast + GenServer.call"),
        /** {@code send} and {@code Processes.request}/{@code reply} against a raw receive loop. */
        RAW("send + request/reply");

        private final String label;

        Api(String label) {
            this.label = label;
        }
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
