package dev.amanah.examples.messaging;

import static dev.amanah.examples.SimpleZakat.calculateZakat;

import dev.amanah.examples.Result;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import java.time.Duration;
import java.util.function.Function;

/**
 * The seed's {@code FinancialDomain.ZakatServer}: the request-reply pattern by hand, a registered
 * process looping over its state. {@code dev.amanah.examples.genserver.StatsAggregator} is the same
 * pattern with {@code GenServer}, which is what production code should use.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>Money is exact and the nisab is reached at equality ({@link dev.amanah.examples.SimpleZakat}).</li>
 *   <li>The seed's client sends {@code {:calculate, self(), ...}} and waits for any
 *       {@code {:zakat_result, _}}: an answer that comes after its 5-second timeout stays in the
 *       mailbox and is taken as the answer to the <em>next</em> request, and a server that dies
 *       mid-request is only noticed after the timeout. Here each request goes through
 *       {@link Processes#request}, the primitive under {@code GenServer.call}: the request carries
 *       a {@link ReplyTo} with a fresh tag, the server is monitored during the wait, a late answer
 *       is dropped, and a dead server is an error at once ({@code Error(reason)}).</li>
 *   <li>With no server running, the seed's {@code send(__MODULE__, ...)} raises
 *       {@code ArgumentError}; here the call returns {@code Error(NOPROC)}.</li>
 *   <li>If the name is taken, the seed's {@code start_link} raises after spawning, leaving an
 *       unnamed linked server running; here that server is stopped first.</li>
 * </ul>
 */
public final class ZakatServer {
    /** The name the server registers: the seed's {@code __MODULE__}. */
    public static final String NAME = "ZakatServer";
    /** How long a client waits for an answer: 5 s, as the seed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ZakatServer() {
    }

    /** {@code {:calculate, from, wealth, nisab}}. */
    public record Calculate(ReplyTo from, Money wealth, Money nisab) {
    }

    /** {@code {:get_stats, from}}. */
    public record GetStats(ReplyTo from) {
    }

    /** {@code {:stop}}: the server ends {@code normal}. */
    public record Stop() {
    }

    /** The server's state, {@code %{requests: n}}: how many calculations it has answered. */
    public record State(long requests) {
    }

    /**
     * Starts the server linked to the caller and registers it as {@link #NAME}; returns its pid
     * once registered, so the client functions work as soon as this returns.
     *
     * @throws IllegalArgumentException if the name is taken; the new server is stopped first
     */
    public static Pid startLink() {
        var pid = Processes.spawnLink(() -> loop(new State(0)));
        try {
            Processes.register(NAME, pid);
        } catch (IllegalArgumentException taken) {
            Processes.unlink(pid);
            Processes.exit(pid, ExitReason.KILL);
            throw taken;
        }
        return pid;
    }

    /**
     * Asks the server for the zakat on {@code wealth} with {@code nisab}; waits up to
     * {@link #TIMEOUT}. Returns {@code Ok(zakat)}, or {@code Error(reason)}: {@code TIMEOUT},
     * {@code NOPROC} (no server) or the reason the server ended with during the call.
     */
    public static Result<Money> calculate(Money wealth, Money nisab) {
        return request(from -> new Calculate(from, wealth, nisab));
    }

    /** The server's state; waits up to {@link #TIMEOUT}; errors as {@link #calculate}. */
    public static Result<State> getStats() {
        return request(GetStats::new);
    }

    /** Asks the server to end {@code normal}; returns at once (dropped if there is no server). */
    public static void stop() {
        Processes.whereis(NAME).ifPresent(pid -> pid.send(new Stop()));
    }

    @SuppressWarnings("unchecked")
    private static <T> Result<T> request(Function<ReplyTo, Object> message) {
        var server = Processes.whereis(NAME);
        if (server.isEmpty()) {
            return Result.error(ExitReason.NOPROC);
        }
        try {
            return Result.ok((T) Processes.request(server.get(), message, TIMEOUT));
        } catch (ExitException e) {
            Processes.checkExit(); // our own death, not the request's failure
            return Result.error(e.reason());
        }
    }

    /**
     * The server loop, which runs in the server process: answers {@link Calculate} and
     * {@link GetStats}, returns on {@link Stop}, and drops any other message (so that none
     * accumulates in its mailbox).
     */
    public static void loop(State state) {
        for (;;) {
            switch (Processes.receive()) {
                case Calculate(var from, var wealth, var nisab) -> {
                    Processes.reply(from, calculateZakat(wealth, nisab));
                    state = new State(state.requests() + 1);
                }
                case GetStats(var from) -> Processes.reply(from, state);
                case Stop() -> {
                    return;
                }
                default -> {
                    // The seed's `_ -> loop(state)`: an unknown message is dropped.
                }
            }
        }
    }
}
