package dev.amanah.otp.pool;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;

/** The pool's process: a server that traps exits and turns messages into {@link Pool} events. */
final class PoolServer implements GenServer<Pool> {
    /** Check a worker out; wait in line if {@code block}, else answer {@link Full}. */
    record Checkout(boolean block) {
    }

    /** Return {@code worker}; answered with null or a {@link CheckinException.Problem}. */
    record Checkin(Pid worker) {
    }

    /** Cast by a caller whose checkout timed out. */
    record CancelWaiting(Pid caller) {
    }

    /** Ask for a {@link PoolStatus}. */
    record Status() {
    }

    /** The answer to a non-blocking checkout when no worker is free. */
    enum Full {
        FULL
    }

    /** Longer than any pool should wait for its workers; keeps the deadline arithmetic finite. */
    private static final Duration MAX_WAIT = Duration.ofDays(365);

    private final PoolOptions options;

    PoolServer(PoolOptions options) {
        this.options = options;
    }

    @Override
    public InitResult<Pool> init() {
        Processes.trapExits(true);
        var pool = new Pool(options);
        pool.fill();
        return new Ok<>(pool);
    }

    @Override
    public CallResult<Pool> handleCall(Object request, ReplyTo from, Pool pool) {
        return switch (request) {
            case Checkout(var block) -> {
                pool.checkout(from, from.pid(), block);
                yield new NoReply<>(pool);
            }
            case Checkin(var worker) -> new Reply<>(pool.checkin(worker, from.pid()), pool);
            case Status() -> new Reply<>(pool.status(), pool);
            default -> GenServer.super.handleCall(request, from, pool);
        };
    }

    @Override
    public Result<Pool> handleCast(Object request, Pool pool) {
        if (request instanceof CancelWaiting(var caller)) {
            pool.cancelWaiting(caller);
            return new NoReply<>(pool);
        }
        return GenServer.super.handleCast(request, pool);
    }

    @Override
    public Result<Pool> handleInfo(Object message, Pool pool) {
        switch (message) {
            case Exit exit -> pool.exited(exit);
            case Down down -> pool.down(down);
            case Pool.Overdue(var worker) -> pool.overdue(worker);
            default -> GenServer.super.handleInfo(message, pool);
        }
        return new NoReply<>(pool);
    }

    /** Stops every worker with {@code shutdown}, waits up to the worker shutdown, then kills the rest. */
    @Override
    public void terminate(ExitReason reason, Pool pool) {
        if (pool == null) {
            return;
        }
        var running = new HashSet<Pid>();
        for (var worker : pool.workers()) {
            if (worker.isAlive()) {
                running.add(worker);
                Processes.exit(worker, ExitReason.SHUTDOWN);
            }
        }
        var deadline = Instant.now().plus(options.workerShutdown().compareTo(MAX_WAIT) > 0
                ? MAX_WAIT : options.workerShutdown());
        while (!running.isEmpty()) {
            var left = Duration.between(Instant.now(), deadline);
            var gone = left.isNegative() ? null : Processes.receive(left,
                    m -> m instanceof Exit exit && running.contains(exit.from()) ? exit.from() : null);
            if (gone == null) {
                break;
            }
            running.remove(gone);
        }
        for (var worker : running) {
            Processes.exit(worker, ExitReason.KILL);
        }
    }
}
