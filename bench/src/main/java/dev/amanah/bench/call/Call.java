package dev.amanah.bench.call;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import dev.amanah.bench.floor.FloorMailbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code call}: synchronous request-reply to one server process, the cost of
 * {@code GenServer.call}; three figures, each the rate of completed calls.
 * <ul>
 *   <li>1 client × 1M calls, one after the other: latency-bound;</li>
 *   <li>1,000 clients × 1,000 calls each, all at once against the same server: the server's
 *       mailbox under contention;</li>
 *   <li>1 plain platform thread (not a process, not an actor) × 100k calls: calling a process
 *       from ordinary code, such as a web request handler.</li>
 * </ul>
 * Each request carries a number that the reply must echo (checked), and the server checks at the
 * end that it served every request. How each runtime calls:
 * <ul>
 *   <li>Amanah, twice: {@code GenServer.call} against a {@code GenServer} ({@link EchoServer}),
 *       and the raw {@code Processes.request} and {@code Processes.reply} against a
 *       {@code receive} loop ("Amanah request/reply", what {@code GenServer.call} is built on),
 *       each in its own rows;</li>
 *   <li>floor: the request carries the client's mailbox, the client takes the next message;</li>
 *   <li>Pekko: actor to actor (request with {@code replyTo}, next request sent from the reply
 *       handler); from the plain thread, {@code AskPattern.ask} and a blocking {@code get}.</li>
 * </ul>
 * The floor and Pekko run once per repetition; their figures appear in both the GenServer rows and
 * the request/reply rows.
 */
public final class Call {
    static final int SINGLE_CALLS = 1_000_000;
    static final int CLIENTS = 1_000;
    static final int CALLS_PER_CLIENT = 1_000;
    static final int PLAIN_THREAD_CALLS = 100_000;
    /** Every call's timeout: generous, a call never takes this long unless something is broken. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Call() {
    }

    /** The scenario with its four implementations. */
    public static Scenario scenario() {
        return new Scenario("call", "request-reply to one server: 1 client × " + Counts.label(SINGLE_CALLS)
                + ", " + Counts.label(CLIENTS) + " clients × " + Counts.label(CALLS_PER_CLIENT)
                + ", plain thread × " + Counts.label(PLAIN_THREAD_CALLS)
                + " (Amanah: GenServer.call, and Processes.request/reply on a raw receive loop)",
                Map.of(Contender.AMANAH, new AmanahCall(),
                        Contender.FLOOR_MPSC, new FloorCall(FloorMailbox.Kind.MPSC),
                        Contender.FLOOR_LTQ, new FloorCall(FloorMailbox.Kind.LTQ),
                        Contender.PEKKO, new PekkoCall()));
    }

    /**
     * The sizes of one run.
     *
     * @param singleCalls      calls of the single client
     * @param clients          concurrent clients
     * @param callsPerClient   calls of each concurrent client
     * @param plainThreadCalls calls from the plain thread
     */
    record Size(int singleCalls, int clients, int callsPerClient, int plainThreadCalls) {
        static Size of(Scale scale) {
            return new Size(scale.count(SINGLE_CALLS), CLIENTS, scale.count(CALLS_PER_CLIENT),
                    scale.count(PLAIN_THREAD_CALLS));
        }

        /** Every request the server must have served by the end of a run. */
        long totalCalls() {
            return singleCalls + (long) clients * callsPerClient + plainThreadCalls;
        }

        /**
         * A floor's or Pekko's samples: the same measurement under the rows of both Amanah APIs,
         * which each compare with it.
         */
        List<Sample> samples(long singleNanos, long concurrentNanos, long plainNanos) {
            var samples = new ArrayList<Sample>();
            for (var api : Api.values()) {
                samples.addAll(samples(api, singleNanos, concurrentNanos, plainNanos));
            }
            return samples;
        }

        /** The three rows of {@code api}. */
        List<Sample> samples(Api api, long singleNanos, long concurrentNanos, long plainNanos) {
            return List.of(
                    Sample.rate(new Metric("call (Amanah " + api.label + "; Pekko actor to actor): 1 client × "
                            + Counts.label(singleCalls) + " calls (calls/s)", Metric.Unit.PER_SECOND),
                            singleCalls, singleNanos),
                    Sample.rate(new Metric("call (Amanah " + api.label + "; Pekko actor to actor): "
                            + Counts.label(clients) + " clients × " + Counts.label(callsPerClient)
                            + " calls (calls/s)", Metric.Unit.PER_SECOND),
                            (long) clients * callsPerClient, concurrentNanos),
                    Sample.rate(new Metric("call from a plain thread (Amanah " + api.label + "; Pekko ask): "
                            + Counts.label(plainThreadCalls) + " calls (calls/s)", Metric.Unit.PER_SECOND),
                            plainThreadCalls, plainNanos));
        }
    }

    /**
     * Which Amanah API a row measures. The floor and Pekko have one way to call; their figure
     * appears in the rows of both.
     */
    enum Api {
        /** {@code GenServer.call} against a {@link EchoServer}. */
        GEN_SERVER("GenServer.call"),
        /** {@code Processes.request}/{@code reply} against a raw receive loop. */
        RAW("request/reply");

        private final String label;

        Api(String label) {
            this.label = label;
        }
    }

    static void checkReply(int request, Object reply) {
        BenchmarkFailure.check(reply instanceof Integer n && n == request, () ->
                "call: request " + request + " got the reply " + reply);
    }

    static void checkServed(long expected, long served) {
        BenchmarkFailure.check(served == expected, () -> "call: the server served " + served + " requests of " + expected);
    }
}
