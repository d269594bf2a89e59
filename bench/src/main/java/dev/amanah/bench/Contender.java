package dev.amanah.bench;

/**
 * The runtimes compared side by side, in the order of the table's columns. All but {@link #BEAM}
 * run in this JVM.
 *
 * <p>The two floors are what any runtime on virtual threads must pay at least: one virtual thread
 * per process and a mailbox queue, nothing else (no pids, links, monitors, names or exit
 * reasons). They use two different mailboxes because each wins different workloads: a parking
 * multi-producer single-consumer queue, and the JDK's {@code LinkedTransferQueue}, which hands a
 * message straight to a waiting consumer.
 */
public enum Contender {
    /** This project's runtime, {@code dev.amanah.otp}. */
    AMANAH("Amanah"),
    /** A virtual thread and a lock-free MPSC queue with park/unpark. */
    FLOOR_MPSC("floor VT+MPSC"),
    /** A virtual thread and a {@code LinkedTransferQueue}. */
    FLOOR_LTQ("floor VT+LTQ"),
    /** Apache Pekko typed actors on the default dispatcher. */
    PEKKO("Pekko typed"),
    /**
     * The BEAM itself: the scenario's Elixir twin ({@code bench/beam/<scenario>.exs}) in its own
     * Erlang VM, run by {@link dev.amanah.bench.beam.Beam} after the JVM runtimes' repetitions.
     */
    BEAM("BEAM");

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    /** The column heading. */
    public String label() {
        return label;
    }
}
