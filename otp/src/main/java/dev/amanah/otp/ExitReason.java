package dev.amanah.otp;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Why a process ended, or the reason an exit signal carries: Erlang's exit reasons as a closed
 * set of types.
 *
 * <ul>
 *   <li>{@link #NORMAL}: the process finished its work. A linked process that does not trap exits
 *       ignores it; it is not logged.</li>
 *   <li>{@link #SHUTDOWN} and {@link #shutdown(Object)}: asked to stop (by a supervisor, say).
 *       Kills linked processes like any abnormal reason, but is not logged and not restarted by a
 *       {@code transient} restart.</li>
 *   <li>{@link #KILL}: only as a signal, through {@link Processes#exit(Pid, ExitReason)}: cannot be
 *       trapped; the target ends with {@link #KILLED}.</li>
 *   <li>{@link #KILLED}: the process was killed. Its links see {@code KILLED}, which, unlike
 *       {@code KILL}, they can trap.</li>
 *   <li>{@link #NOPROC}: the process did not exist (a monitor on a dead pid, a call to one).</li>
 *   <li>{@link Crash}: an exception escaped the process's code; logged with its stack trace.</li>
 *   <li>{@link InCall}: a call ({@code GenServer.call}, {@code Task.await}) failed, with the
 *       reason and the call, as OTP's {@code {reason, {Module, function, args}}}.</li>
 *   <li>{@link Term}: any other reason, such as a record of your own or an atom-like string.</li>
 * </ul>
 */
public sealed interface ExitReason {

    /** The process finished: Erlang's {@code normal}. */
    Normal NORMAL = new Normal();
    /** Asked to stop: Erlang's {@code shutdown}. */
    Shutdown SHUTDOWN = new Shutdown(null);
    /** The untrappable kill signal: Erlang's {@code kill}. */
    Kill KILL = new Kill();
    /** Ended by a kill signal: Erlang's {@code killed}. */
    Killed KILLED = new Killed();
    /** No such process: Erlang's {@code noproc}. */
    NoProc NOPROC = new NoProc();
    /** A call or an await ran out of time: Erlang's {@code timeout}. */
    Term TIMEOUT = new Term("timeout");
    /** A process called itself, which could never be answered: OTP's {@code calling_self}. */
    Term CALLING_SELF = new Term("calling_self");

    /** Erlang's {@code {shutdown, detail}}: a shutdown that says why. */
    static Shutdown shutdown(Object detail) {
        return new Shutdown(Objects.requireNonNull(detail, "detail"));
    }

    /** A reason of the caller's own, such as a record or an atom-like string. */
    static Term of(Object term) {
        return new Term(term);
    }

    /** The reason carried by an exception: its own reason for an {@link ExitException}, else a crash. */
    static ExitReason from(Throwable exception) {
        return exception instanceof ExitException exit ? exit.reason() : new Crash(exception);
    }

    /** Only {@code normal}: the reason a linked process that does not trap exits ignores. */
    default boolean isNormal() {
        return this instanceof Normal;
    }

    /**
     * {@code normal}, {@code shutdown} or {@code {shutdown, detail}}: the reasons that are not
     * logged as errors and that a {@code transient} child is not restarted for.
     */
    default boolean isGraceful() {
        return this instanceof Normal || this instanceof Shutdown;
    }

    /** The process finished. */
    record Normal() implements ExitReason {
        @Override
        public String toString() {
            return "normal";
        }
    }

    /** Asked to stop; {@code detail} is null for a plain {@code shutdown}. */
    record Shutdown(Object detail) implements ExitReason {
        @Override
        public String toString() {
            return detail == null ? "shutdown" : "{shutdown, " + detail + "}";
        }
    }

    /** The kill signal. */
    record Kill() implements ExitReason {
        @Override
        public String toString() {
            return "kill";
        }
    }

    /** Ended by the kill signal. */
    record Killed() implements ExitReason {
        @Override
        public String toString() {
            return "killed";
        }
    }

    /** No such process. */
    record NoProc() implements ExitReason {
        @Override
        public String toString() {
            return "noproc";
        }
    }

    /** An exception escaped the process's code. */
    record Crash(Throwable exception) implements ExitReason {
        public Crash {
            Objects.requireNonNull(exception, "exception");
        }

        @Override
        public String toString() {
            return "{crash, " + exception + "}";
        }
    }

    /**
     * A call failed: {@code reason} is why (timeout, noproc, the callee's own exit reason), the
     * rest names the call, as OTP's {@code {reason, {Module, function, args}}}.
     */
    record InCall(ExitReason reason, String module, String function, List<?> args) implements ExitReason {
        public InCall {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
        }

        /** As OTP prints it; an argument that is {@link Processes#INFINITY} reads {@code infinity}, as there. */
        @Override
        public String toString() {
            return "{" + reason + ", {" + module + ", " + function + ", "
                    + args.stream().map(InCall::argument).collect(Collectors.joining(", ", "[", "]")) + "}}";
        }

        private static String argument(Object argument) {
            return Processes.INFINITY.equals(argument) ? "infinity" : String.valueOf(argument);
        }
    }

    /** Any other reason. */
    record Term(Object term) implements ExitReason {
        public Term {
            Objects.requireNonNull(term, "term");
        }

        @Override
        public String toString() {
            return String.valueOf(term);
        }
    }
}
