package dev.amanah.otp;

/**
 * The identity of a process, like Erlang's pid: unique for the life of the JVM, never reused.
 *
 * <p>A pid stays valid after its process has died: sending to it drops the message, monitoring
 * it delivers a {@link Down} with {@link ExitReason#NOPROC}, and {@link Processes#info(Pid)} is
 * empty. Equality is identity: there is exactly one {@code Pid} object per process. Printed as
 * {@code <0.N.0>}, as the BEAM prints a local pid.
 */
public final class Pid implements Comparable<Pid> {
    private final long id;
    final ProcessCell cell;

    Pid(long id, ProcessCell cell) {
        this.id = id;
        this.cell = cell;
    }

    /** The serial number of this process, in spawn order. */
    public long id() {
        return id;
    }

    /** Sends {@code message} to this process; the same as {@link Processes#send(Pid, Object)}. */
    public void send(Object message) {
        Processes.send(this, message);
    }

    /** Whether the process is alive now; the same as {@link Processes#isAlive(Pid)}. */
    public boolean isAlive() {
        return cell.isAlive();
    }

    @Override
    public int compareTo(Pid other) {
        return Long.compare(id, other.id);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id * 0x9E3779B97F4A7C15L);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public String toString() {
        return "<0." + id + ".0>";
    }
}
