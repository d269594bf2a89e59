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

    private final GenServer<S> callbacks;
    private final Pid self;
    private final Pid parent;
    private S state;

    private ServerLoop(GenServer<S> callbacks, Pid parent, S state) {
        this.callbacks = callbacks;
        this.self = Processes.self();
        this.parent = parent;
        this.state = state;
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
                new ServerLoop<>(callbacks, parent == null ? self : parent, state).loop(next);
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

    /** Registers {@code name} for {@code self}; returns the live holder if it is taken, else null. */
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
            // The holder died between the two steps: its name is free now, try again.
        }
    }

    private void loop(Next next) {
        for (;;) {
            Object message;
            switch (next) {
                case Next.Continue(var argument) -> {
                    next = afterNoReply("handleContinue", handleContinue(argument));
                    continue;
                }
                case Next.Timeout(var after) -> {
                    var received = Processes.receive(after);
                    message = received != null ? received : GenServer.Timeout.TIMEOUT;
                }
                case Next.None none -> message = Processes.receive();
                case Next.Hibernate hibernate -> message = Processes.receive();
            }
            next = handle(message);
        }
    }

    private Next handle(Object message) {
        return switch (message) {
            case Messages.Call call -> afterCall(call, handleCall(call));
            case Messages.Cast cast -> afterNoReply("handleCast", handleCast(cast.request()));
            case Messages.Stop stop -> throw terminate(stop.reason());
            case Exit exit when exit.from() == parent -> throw terminate(exit.reason());
            default -> afterNoReply("handleInfo", handleInfo(message));
        };
    }

    // Each callback is invoked in its own method so that a throw is turned into a terminate with
    // the state as it was before the callback.

    private GenServer.CallResult<S> handleCall(Messages.Call call) {
        try {
            return callbacks.handleCall(call.request, call.from, state);
        } catch (Throwable t) {
            throw crashed(t);
        }
    }

    private GenServer.Result<S> handleCast(Object request) {
        try {
            return callbacks.handleCast(request, state);
        } catch (Throwable t) {
            throw crashed(t);
        }
    }

    private GenServer.Result<S> handleInfo(Object message) {
        try {
            return callbacks.handleInfo(message, state);
        } catch (Throwable t) {
            throw crashed(t);
        }
    }

    private GenServer.Result<S> handleContinue(Object argument) {
        try {
            return callbacks.handleContinue(argument, state);
        } catch (Throwable t) {
            throw crashed(t);
        }
    }

    private Next afterCall(Messages.Call call, GenServer.CallResult<S> result) {
        switch (result) {
            case GenServer.Reply<S>(var reply, var newState, var next) -> {
                state = newState;
                Processes.reply(call.from, reply);
                return next;
            }
            case GenServer.NoReply<S>(var newState, var next) -> {
                state = newState;
                return next;
            }
            case GenServer.Stop<S>(var reason, var newState) -> {
                state = newState;
                throw terminate(reason);
            }
            case GenServer.StopReply<S>(var reason, var reply, var newState) -> {
                state = newState;
                try {
                    runTerminate(reason);
                } finally {
                    Processes.reply(call.from, reply);
                }
                throw new ExitException(reason);
            }
            case null -> throw terminate(ExitReason.of(new BadReturnValue("handleCall", null)));
        }
    }

    private Next afterNoReply(String callback, GenServer.Result<S> result) {
        switch (result) {
            case GenServer.NoReply<S>(var newState, var next) -> {
                state = newState;
                return next;
            }
            case GenServer.Stop<S>(var reason, var newState) -> {
                state = newState;
                throw terminate(reason);
            }
            case null -> throw terminate(ExitReason.of(new BadReturnValue(callback, null)));
        }
    }

    /** Runs {@code terminate}, then returns the exception that ends the process with {@code reason}. */
    private ExitException terminate(ExitReason reason) {
        runTerminate(reason);
        return new ExitException(reason);
    }

    private void runTerminate(ExitReason reason) {
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
    private RuntimeException crashed(Throwable t) {
        if (self.isAlive()) {
            runTerminate(ExitReason.from(t));
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
