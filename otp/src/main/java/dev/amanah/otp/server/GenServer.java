package dev.amanah.otp.server;

import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A server process holding state of type {@code S} and answering requests one at a time:
 * Elixir's {@code GenServer} (Erlang's {@code gen_server}).
 *
 * <h2>Callbacks</h2>
 * Implement {@link #init()} and whichever of {@link #handleCall}, {@link #handleCast},
 * {@link #handleInfo}, {@link #handleContinue} and {@link #terminate} the server needs. Every
 * callback runs in the server's own process, one at a time, in mailbox order; the state is passed
 * in and returned, never shared. Results are the sealed records nested here, so a class
 * implementing {@code GenServer} names them unqualified:
 * <pre>{@code
 * final class ZakatServer implements GenServer<ZakatServer.State> {
 *     record State(long requests) {
 *         State counted() { return new State(requests + 1); }
 *     }
 *     record Calculate(BigDecimal wealth, BigDecimal nisab) {}
 *     record GetStats() {}
 *
 *     public InitResult<State> init() {
 *         return new Ok<>(new State(0));
 *     }
 *
 *     public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
 *         return switch (request) {
 *             case Calculate(var wealth, var nisab) ->
 *                 new Reply<>(wealth.compareTo(nisab) >= 0 ? wealth.multiply(RATE) : BigDecimal.ZERO,
 *                             state.counted());
 *             case GetStats() -> new Reply<>(state, state);
 *             default -> GenServer.super.handleCall(request, from, state);   // stops with bad_call
 *         };
 *     }
 * }
 *
 * GenServer.startLink(new ZakatServer(), StartOptions.named("zakat"));
 * BigDecimal zakat = GenServer.call("zakat", new Calculate(wealth, nisab));
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link #start}/{@link #startLink} block until {@code init} returns. Then the server loops:
 * calls go to {@code handleCall}, casts to {@code handleCast}, every other message (including
 * {@link dev.amanah.otp.Down}, {@link Exit} from processes other than the parent, and
 * {@link Timeout}) to {@code handleInfo}. A callback may ask for a {@link Next} step: an idle
 * timeout, a {@code handleContinue} before the next message, or hibernation (a no-op here).
 * <p>
 * The server stops, running {@link #terminate} first, when a callback returns {@link Stop} or
 * {@link StopReply}, throws (an exception or {@code Processes.exit(reason)}), returns null, when
 * {@link #stop} is called, or when it traps exits ({@code Processes.trapExits(true)} in
 * {@code init}) and its parent (the process that called {@code startLink}) sends it an exit
 * signal. {@code terminate} does not run when the server is killed, nor when a linked process's
 * exit signal takes it down while it does not trap exits: like OTP, it is not a guarantee, and
 * critical clean-up belongs in links and monitors. Messages queued before the exit signal are
 * handled first.
 *
 * <h2>Supervision</h2>
 * In a supervision tree, describe a server with
 * {@code ChildSpec.worker(id, () -> GenServer.startLink(new Server()))}: as Elixir's
 * {@code use GenServer}, it is {@code permanent} with a 5 s shutdown.
 *
 * @param <S> the server's state
 */
public interface GenServer<S> {

    /** The default {@link #call} timeout: 5 seconds, as in OTP. */
    Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    // ---- callbacks ----

    /**
     * Runs in the new process before {@code start}/{@code startLink} returns. Its arguments are
     * the implementing object's fields. Return {@link Ok} with the initial state (and optionally a
     * {@link Next}), {@link Ignore} to end quietly with {@code normal} ({@code start} returns
     * {@code Ignore}), or {@link Stop} to fail the start with a reason ({@code start} returns
     * {@code Error(reason)} and the process exits with it). If it throws, the start fails with the
     * exception's reason. {@code terminate} never runs for a failed {@code init}.
     */
    InitResult<S> init();

    /**
     * Handles a {@link #call}. {@code from} identifies the caller: return {@link NoReply} and
     * answer later with {@link #reply}, from this or any other process. Default: stop with
     * {@link BadCall} (OTP's {@code {:bad_call, request}}); the caller exits with that reason.
     */
    default CallResult<S> handleCall(Object request, ReplyTo from, S state) {
        return new Stop<>(ExitReason.of(new BadCall(request)), state);
    }

    /** Handles a {@link #cast}. Default: stop with {@link BadCast} (OTP's {@code {:bad_cast, msg}}). */
    default Result<S> handleCast(Object request, S state) {
        return new Stop<>(ExitReason.of(new BadCast(request)), state);
    }

    /**
     * Handles any other message: {@link dev.amanah.otp.Down}, {@link Exit} (from processes other
     * than the parent, when trapping exits), {@link Timeout}, plain sends. Default: log the
     * message as unexpected and carry on (not fatal, as in OTP).
     */
    default Result<S> handleInfo(Object message, S state) {
        ServerLoop.logUnexpected(message);
        return new NoReply<>(state);
    }

    /**
     * Runs when a callback returned {@link Next#continueWith}, before any message is handled.
     * Default: crash, as OTP does when {@code handle_continue/2} is missing.
     */
    default Result<S> handleContinue(Object argument, S state) {
        throw new UnsupportedOperationException(getClass().getName()
                + " returned Next.continueWith(" + argument + ") but does not implement handleContinue");
    }

    /**
     * Runs before the server exits with {@code reason} (see the class notes for when it runs and
     * when it does not). Whatever it returns or throws, the server then exits: with
     * {@code reason}, or with the exception's reason if it throws. Default: nothing.
     */
    default void terminate(ExitReason reason, S state) {
    }

    // ---- callback results ----

    /** What {@link #init()} returns: {@link Ok}, {@link Ignore} or {@link Stop}. */
    sealed interface InitResult<S> permits Ok, Ignore, Stop {
    }

    /** What {@link #handleCall} returns: {@link Reply}, {@link NoReply}, {@link Stop} or {@link StopReply}. */
    sealed interface CallResult<S> permits Reply, NoReply, Stop, StopReply {
    }

    /**
     * What {@link #handleCast}, {@link #handleInfo} and {@link #handleContinue} return:
     * {@link NoReply} or {@link Stop}.
     */
    sealed interface Result<S> permits NoReply, Stop {
    }

    /**
     * {@code init} succeeded: {@code {:ok, state}} or {@code {:ok, state, next}}.
     *
     * @param state the initial state
     * @param next  what to do before waiting for the first message
     */
    record Ok<S>(S state, Next next) implements InitResult<S> {
        public Ok {
            Objects.requireNonNull(next, "next");
        }

        /** {@code {:ok, state}}. */
        public Ok(S state) {
            this(state, Next.NONE);
        }
    }

    /** {@code init} declines to run: {@code :ignore}. */
    record Ignore<S>() implements InitResult<S> {
    }

    /**
     * Answer the call and carry on: {@code {:reply, reply, state}} or
     * {@code {:reply, reply, state, next}}.
     *
     * @param reply the caller's answer; may be null
     * @param state the new state
     * @param next  what to do before the next message
     */
    record Reply<S>(Object reply, S state, Next next) implements CallResult<S> {
        public Reply {
            Objects.requireNonNull(next, "next");
        }

        /** {@code {:reply, reply, state}}. */
        public Reply(Object reply, S state) {
            this(reply, state, Next.NONE);
        }
    }

    /**
     * Carry on without answering (yet): {@code {:noreply, state}} or
     * {@code {:noreply, state, next}}. From {@code handleCall}, answer later with {@link #reply}.
     *
     * @param state the new state
     * @param next  what to do before the next message
     */
    record NoReply<S>(S state, Next next) implements CallResult<S>, Result<S> {
        public NoReply {
            Objects.requireNonNull(next, "next");
        }

        /** {@code {:noreply, state}}. */
        public NoReply(S state) {
            this(state, Next.NONE);
        }
    }

    /**
     * Stop: {@code {:stop, reason, state}}, or from {@code init}, {@code {:stop, reason}}.
     * {@code terminate(reason, state)} runs (not for {@code init}), then the server exits with
     * {@code reason}. A caller waiting on a {@code handleCall} that stops this way exits with
     * {@code reason}.
     *
     * @param reason the exit reason
     * @param state  the state {@code terminate} sees; ignored from {@code init}
     */
    record Stop<S>(ExitReason reason, S state) implements InitResult<S>, CallResult<S>, Result<S> {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }

        /** {@code {:stop, reason}}, as {@code init} returns it. */
        public Stop(ExitReason reason) {
            this(reason, null);
        }
    }

    /**
     * Answer the call, then stop: {@code {:stop, reason, reply, state}}. {@code terminate} runs
     * first, then the reply is sent, then the server exits with {@code reason}.
     *
     * @param reason the exit reason
     * @param reply  the caller's answer; may be null
     * @param state  the state {@code terminate} sees
     */
    record StopReply<S>(ExitReason reason, Object reply, S state) implements CallResult<S> {
        public StopReply {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The message {@link #handleInfo} receives when a {@link Next#timeout} expires: {@code :timeout}. */
    record Timeout() {
        /** The one instance. */
        public static final Timeout TIMEOUT = new Timeout();

        @Override
        public String toString() {
            return "timeout";
        }
    }

    // ---- client API ----

    /**
     * Starts a server, not linked to the caller, and blocks until its {@code init} has returned:
     * {@code Ok(pid)}, {@code Ignore}, or {@code Error(reason)} (the reason {@code init} stopped or
     * crashed with). Returns only once a failed server has ended (its name is free again).
     */
    static <S> StartResult start(GenServer<S> server) {
        return Starter.start(server, StartOptions.DEFAULT, false);
    }

    /**
     * Starts a server, not linked to the caller, as {@link #start(GenServer)}, with a name and/or
     * an init timeout: a taken name gives {@code Error(Term(AlreadyStarted(holder)))}, an
     * {@code init} slower than the timeout is killed and gives {@code Error(TIMEOUT)}.
     */
    static <S> StartResult start(GenServer<S> server, StartOptions options) {
        return Starter.start(server, options, false);
    }

    /**
     * Starts a server linked to the caller (its parent), as a supervisor does, and blocks until
     * {@code init} has returned; see {@link #start(GenServer, StartOptions)}. Being linked, a
     * caller that does not trap exits also receives the exit signal of an {@code init} that
     * failed with an abnormal reason, as in OTP.
     */
    static <S> StartResult startLink(GenServer<S> server) {
        return Starter.start(server, StartOptions.DEFAULT, true);
    }

    /** {@link #startLink(GenServer)} with a name and/or an init timeout. */
    static <S> StartResult startLink(GenServer<S> server, StartOptions options) {
        return Starter.start(server, options, true);
    }

    /**
     * Calls {@code server} and waits up to 5 s for the answer; see {@link #call(Pid, Object, Duration)}.
     */
    static <R> R call(Pid server, Object request) {
        return Client.call(server, server, request, DEFAULT_CALL_TIMEOUT);
    }

    /**
     * Sends {@code request} to {@code server}'s {@link #handleCall} and waits for its answer, and
     * only for it: the wait is O(1) however many other messages the caller has queued, and an
     * answer that comes after the timeout is dropped, never left in the caller's mailbox. The
     * server is monitored for the duration of the call.
     *
     * @param timeout how long to wait; {@link Processes#INFINITY} for ever
     * @return the answer, cast to what the caller expects
     * @throws ExitException with {@code InCall(reason, "GenServer", "call", [server, request,
     *                       timeout])}, where reason is {@link ExitReason#TIMEOUT} (no answer in
     *                       time), {@link ExitReason#NOPROC} (no such process or name), the
     *                       server's own exit reason (it ended before answering) or
     *                       {@link ExitReason#CALLING_SELF}. Uncaught, it ends the caller with
     *                       that reason, as in OTP.
     */
    static <R> R call(Pid server, Object request, Duration timeout) {
        return Client.call(server, server, request, timeout);
    }

    /** Calls the server registered locally as {@code name}, waiting up to 5 s. */
    static <R> R call(String name, Object request) {
        return Client.call(name, Processes.whereis(name).orElse(null), request, DEFAULT_CALL_TIMEOUT);
    }

    /** Calls the server registered locally as {@code name}; see {@link #call(Pid, Object, Duration)}. */
    static <R> R call(String name, Object request, Duration timeout) {
        return Client.call(name, Processes.whereis(name).orElse(null), request, timeout);
    }

    /** Calls the server holding {@code name}, waiting up to 5 s. */
    static <R> R call(Name name, Object request) {
        return Client.call(name, name.whereis().orElse(null), request, DEFAULT_CALL_TIMEOUT);
    }

    /** Calls the server holding {@code name}; see {@link #call(Pid, Object, Duration)}. */
    static <R> R call(Name name, Object request, Duration timeout) {
        return Client.call(name, name.whereis().orElse(null), request, timeout);
    }

    /**
     * Sends {@code request} to {@code server}'s {@link #handleCast} and returns at once. Never
     * fails, even if the server does not exist (the request is then dropped), as OTP's
     * {@code cast} always returns {@code :ok}.
     */
    static void cast(Pid server, Object request) {
        Processes.send(server, new Messages.Cast(request));
    }

    /** Casts to the server registered locally as {@code name}; dropped if there is none. */
    static void cast(String name, Object request) {
        Processes.whereis(name).ifPresent(pid -> cast(pid, request));
    }

    /**
     * Casts to the server holding {@code name}; dropped if there is none, and if the name cannot
     * be looked up at all (a {@code via} registry that is not running, say while its supervisor
     * restarts it), as Elixir's {@code cast} catches whatever the registry's lookup raises.
     *
     * @throws ExitException only if the caller itself has been killed
     */
    static void cast(Name name, Object request) {
        Optional<Pid> server;
        try {
            server = name.whereis();
        } catch (ExitException e) {
            throw e;
        } catch (RuntimeException unreachableRegistry) {
            return;
        }
        server.ifPresent(pid -> cast(pid, request));
    }

    /**
     * Answers a call that {@link #handleCall} left unanswered (returned {@link NoReply}), from any
     * process. An answer for a caller that no longer waits (it timed out, died, or was already
     * answered) is dropped.
     */
    static void reply(ReplyTo from, Object reply) {
        Processes.reply(from, reply);
    }

    /** Stops {@code server} with {@code normal}, waiting as long as it takes; see {@link #stop(Pid, ExitReason, Duration)}. */
    static void stop(Pid server) {
        Client.stop(server, server, ExitReason.NORMAL, Processes.INFINITY);
    }

    /** Stops {@code server} with {@code reason}, waiting as long as it takes. */
    static void stop(Pid server, ExitReason reason) {
        Client.stop(server, server, reason, Processes.INFINITY);
    }

    /**
     * Stops {@code server} synchronously: it handles the messages queued before the request, runs
     * {@link #terminate} with {@code reason} and exits with it; this method returns once it has
     * ended.
     *
     * @throws ExitException with {@code InCall(r, "GenServer", "stop", [server, reason, timeout])}
     *                       where r is {@link ExitReason#NOPROC} (no such server),
     *                       {@link ExitReason#CALLING_SELF}, {@link ExitReason#TIMEOUT} (it did not
     *                       end in time; it goes on terminating), or the different reason it
     *                       ended with (say, {@code terminate} crashed)
     */
    static void stop(Pid server, ExitReason reason, Duration timeout) {
        Client.stop(server, server, reason, timeout);
    }

    /** Stops the server registered locally as {@code name}; see {@link #stop(Pid, ExitReason, Duration)}. */
    static void stop(String name, ExitReason reason, Duration timeout) {
        Client.stop(name, Processes.whereis(name).orElse(null), reason, timeout);
    }

    /** Stops the server holding {@code name}; see {@link #stop(Pid, ExitReason, Duration)}. */
    static void stop(Name name, ExitReason reason, Duration timeout) {
        Client.stop(name, name.whereis().orElse(null), reason, timeout);
    }
}
