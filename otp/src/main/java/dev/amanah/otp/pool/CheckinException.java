package dev.amanah.otp.pool;

import dev.amanah.otp.Pid;
import java.util.Objects;

/**
 * A {@link WorkerPool#checkin} the pool refused: the caller got the pool's bookkeeping wrong. The
 * pool is unaffected; the worker stays where it was. An {@link IllegalArgumentException}, as every
 * call the runtime refuses to a process that is not the one entitled to make it (a task awaited
 * by another than its owner, a registry entry made for another process), Elixir's
 * {@code ArgumentError}.
 */
public final class CheckinException extends IllegalArgumentException {
    private final Problem problem;
    private final Object pool;
    private final Pid worker;

    CheckinException(Problem problem, Object pool, Pid worker, Pid caller) {
        super("checkin of " + worker + " into pool " + pool + " by " + caller + ": " + problem.text);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.pool = pool;
        this.worker = worker;
    }

    /** What was wrong. */
    public Problem problem() {
        return problem;
    }

    /** The pool, as the caller named it (a pid or a name). */
    public Object pool() {
        return pool;
    }

    /** The worker the caller tried to return. */
    public Pid worker() {
        return worker;
    }

    /** Why a checkin was refused. */
    public enum Problem {
        /** The worker is idle: checked in twice, or never checked out. */
        NOT_CHECKED_OUT("the worker is not checked out (checked in twice?)"),
        /** The process is alive but is not one of this pool's workers. */
        NOT_A_WORKER("it is not a worker of this pool"),
        /** Another process checked the worker out; only the borrower may return it. */
        NOT_THE_BORROWER("the worker is checked out by another process");

        private final String text;

        Problem(String text) {
            this.text = text;
        }
    }
}
