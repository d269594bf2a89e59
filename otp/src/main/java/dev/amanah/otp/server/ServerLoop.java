package dev.amanah.otp.server;

import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The server side of a {@link GenServer}: registers the name, runs {@code init}, answers the
 * starter, then handles messages one at a time until a callback stops it.
 *
 * <p>One rule runs through it: {@code terminate} runs when the server itself decides to stop
 * (a stop result, a callback that throws, {@code GenServer.stop}, its parent's exit signal while
 * it traps exits), never when it is already dead (killed, or taken down by a link while not
 * trapping): a dead process's blocking calls throw {@link ExitException}, and those are passed
 * through untouched.
 */
final class ServerLoop<S> {
    private static final System.Logger LOG = System.getLogger("dev.amanah.otp.server");

    // No field for the server's state: the loop keeps it in its frame and passes it along. A
    // field written at every message put a store into this object, which other processes'
    // objects may share a cache line with (its neighbours in memory are whatever the carrier
    // allocated next, such as a client's cell), and that line then crossed between the cores
    // at every message as well.
    private final GenServer<S> callbacks;
    private final Pid self;
    private final Pid parent;

    private ServerLoop(GenServer<S> callbacks, Pid parent) {
        this.callbacks = callbacks;
        this.self = Processes.self();
        this.parent = parent;
    }

    /** The process body of a server; {@code parent} is null for an unlinked start. */
    static <S> void run(GenServer<S> callbacks, Optional<Name> name, Pid parent) {
        var start = Processes.receive(message -> message instanceof Messages.Start s ? s : null);
        var self = Processes.self();
        if (name.isPresent()) {
            var holder = register(name.get(), self);
            if (holder != null) {
                Processes.reply(start.from(), new StartResult.Error(new AlreadyStarted(holder).asReason()));
                return;
            }
            // A registry may say yes to a server killed while it registered (a Registry links to
            // its partition first, and a kill that lands after the link but before the entry's
            // exit hook is not seen there); the server then stops here, before the user's init.
            Processes.checkExit();
        }
        GenServer.InitResult<S> init;
        try {
            init = callbacks.init();
        } catch (Throwable t) {
            if (self.isAlive()) {
                Processes.reply(start.from(), new StartResult.Error(ExitReason.from(t)));
            }
            throw t;
        }
        switch (init) {
            case GenServer.Ok<S>(var state, var next) -> {
                Processes.reply(start.from(), new StartResult.Ok(self));
                new ServerLoop<>(callbacks, parent == null ? self : parent).loop(state, next);
            }
            case GenServer.Ignore<S>() -> Processes.reply(start.from(), new StartResult.Ignore());
            case GenServer.Stop<S>(var reason, var ignored) -> {
                Processes.reply(start.from(), new StartResult.Error(reason));
                throw new ExitException(reason);
            }
            case null -> {
                var reason = ExitReason.of(new BadReturnValue("init", null));
                Processes.reply(start.from(), new StartResult.Error(reason));
                throw new ExitException(reason);
            }
        }
    }

    /**
     * Registers {@code name} for {@code self}, the calling process; returns the live holder if it
     * is taken, else null. Throws the exit of a caller killed meanwhile.
     */
    private static Pid register(Name name, Pid self) {
        for (;;) {
            boolean registered = switch (name) {
                case Name.Local(var local) -> {
                    try {
                        Processes.register(local, self);
                        yield true;
                    } catch (IllegalArgumentException taken) {
                        yield false;
                    }
                }
                case Name.Via(var registry, var key) -> registry.registerName(key, self);
            };
            if (registered) {
                return null;
            }
            var holder = name.whereis();
            if (holder.isPresent()) {
                return holder.get();
            }
            // No live holder: either the holder died between the two steps, and the name is free
            // now, or this server has been killed since it took its start request, and registers
            // nothing (Processes.register refuses a dead process; a registry may too). Retrying
            // then would loop for ever without blocking, so without being told of the death,
            // holding a carrier: stop here with the exit.
            Processes.checkExit();
        }
    }

    private void loop(S state, Next next) {
        for (;;) {
            Object message;
            switch (next) {
                case Next.Continue(var argument) -> {
                    var kept = afterNoReply("handleContinue", handleContinue(argument, state), state);
                    state = kept.state();
                    next = kept.next();
                    continue;
                }
                case Next.Timeout(var after) -> {
                    var received = Processes.receive(after);
                    message = received != null ? received : GenServer.Timeout.TIMEOUT;
                }
                case Next.None none -> message = Processes.receive();
                case Next.Hibernate hibernate -> message = Processes.receive();
            }
            var kept = handle(message, state);
            state = kept.state();
            next = kept.next();
        }
    }

    /** Handles one message; returns the state and what to do next, or throws to end the server. */
    private GenServer.NoReply<S> handle(Object message, S state) {
        return switch (message) {
            case Messages.Call call -> afterCall(call, handleCall(call, state), state);
            case Messages.Cast cast -> afterNoReply("handleCast", handleCast(cast.request(), state), state);
            case Messages.Stop stop -> throw terminate(stop.reason(), state);
            case Exit exit when exit.from() == parent -> throw terminate(exit.reason(), state);
            default -> afterNoReply("handleInfo", handleInfo(message, state), state);
        };
    }

    // Each callback is invoked in its own method so that a throw is turned into a terminate with
    // the state as it was before the callback.

    private GenServer.CallResult<S> handleCall(Messages.Call call, S state) {
        try {
            return callbacks.handleCall(call.request, call.from, state);
        } catch (Throwable t) {
            throw crashed(t, state);
        }
    }

    private GenServer.Result<S> handleCast(Object request, S state) {
        try {
            return callbacks.handleCast(request, state);
        } catch (Throwable t) {
            throw crashed(t, state);
        }
    }

    private GenServer.Result<S> handleInfo(Object message, S state) {
        try {
            return callbacks.handleInfo(message, state);
        } catch (Throwable t) {
            throw crashed(t, state);
        }
    }

    private GenServer.Result<S> handleContinue(Object argument, S state) {
        try {
            return callbacks.handleContinue(argument, state);
        } catch (Throwable t) {
            throw crashed(t, state);
        }
    }

    /**
     * Answers the call as its result says; returns the new state and what to do next, or throws
     * to end the server. {@code state} is the state before the callback.
     */
    private GenServer.NoReply<S> afterCall(Messages.Call call, GenServer.CallResult<S> result, S state) {
        switch (result) {
            case GenServer.Reply<S>(var reply, var newState, var next) -> {
                Processes.reply(call.from, reply);
                return new GenServer.NoReply<>(newState, next);
            }
            case GenServer.NoReply<S> noReply -> {
                return noReply;
            }
            case GenServer.Stop<S>(var reason, var newState) -> throw terminate(reason, newState);
            case GenServer.StopReply<S>(var reason, var reply, var newState) -> {
                try {
                    runTerminate(reason, newState);
                } finally {
                    Processes.reply(call.from, reply);
                }
                throw new ExitException(reason);
            }
            case null -> throw terminate(ExitReason.of(new BadReturnValue("handleCall", null)), state);
        }
    }

    /**
     * Returns {@code result} if the callback asked to go on, or throws to end the server.
     * {@code state} is the state before the callback.
     */
    private GenServer.NoReply<S> afterNoReply(String callback, GenServer.Result<S> result, S state) {
        switch (result) {
            case GenServer.NoReply<S> noReply -> {
                return noReply;
            }
            case GenServer.Stop<S>(var reason, var newState) -> throw terminate(reason, newState);
            case null -> throw terminate(ExitReason.of(new BadReturnValue(callback, null)), state);
        }
    }

    /** Runs {@code terminate}, then returns the exception that ends the process with {@code reason}. */
    private ExitException terminate(ExitReason reason, S state) {
        runTerminate(reason, state);
        return new ExitException(reason);
    }

    private void runTerminate(ExitReason reason, S state) {
        try {
            callbacks.terminate(reason, state);
        } catch (Throwable t) {
            // A failing terminate ends the server with its own reason, as in OTP.
            throw t instanceof ExitException exit ? exit : new ExitException(ExitReason.from(t));
        }
    }

    /**
     * A callback threw: unless the process is already dead, run {@code terminate} with the
     * exception's reason; then the exception goes on to end the process.
     */
    private RuntimeException crashed(Throwable t, S state) {
        if (self.isAlive()) {
            runTerminate(ExitReason.from(t), state);
        }
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new ExitException(ExitReason.from(t));
    }

    static void logUnexpected(Object message) {
        if (LOG.isLoggable(Level.ERROR)) {
            LOG.log(Level.ERROR, "GenServer " + Processes.self()
                    + " received an unexpected message in handleInfo: " + message);
        }
    }
}
