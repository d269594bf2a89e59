package dev.amanah.donations.fraud;

import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The process that owns a {@link FraudDetector}: checks are calls, declines are casts, all handled
 * one at a time in mailbox order, so the counters need no lock and every verdict sees every
 * earlier attempt. A check takes microseconds, so one process serves the whole service.
 *
 * <p>The counters live in memory only: a restarted server starts empty (an attacker gains one
 * fresh window; the provider's own fraud checks remain). Under a supervisor use
 * {@link #childSpec}.
 */
public final class FraudServer implements GenServer<FraudDetector> {

    /** A check: the attempt is counted and judged. A call answered with a {@link FraudVerdict}. */
    record Check(Attempt attempt) {
    }

    /** A decline reported by the payment provider. A cast. */
    record Decline(Attempt attempt) {
    }

    private final FraudConfig config;
    private final Clock clock;

    private FraudServer(FraudConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the server linked to the caller, registered locally as {@code name}; blocks until it runs. */
    public static StartResult startLink(String name, FraudConfig config, Clock clock) {
        return GenServer.startLink(new FraudServer(config, clock), StartOptions.named(name));
    }

    /** The server as a permanent worker of a supervisor, with {@code name} as id and registered name. */
    public static ChildSpec childSpec(String name, FraudConfig config, Clock clock) {
        return ChildSpec.worker(name, () -> startLink(name, config, clock));
    }

    /**
     * Counts {@code attempt} and judges it; a call to the server registered as {@code name}.
     *
     * @throws dev.amanah.otp.ExitException {@code InCall(noproc | timeout | reason, ...)} if the
     *                                      server is not running or does not answer in time
     */
    public static FraudVerdict check(String name, Attempt attempt, Duration timeout) {
        Objects.requireNonNull(attempt, "attempt");
        return GenServer.call(name, new Check(attempt), timeout);
    }

    /** Reports a decline of {@code attempt}; a cast, dropped if the server is not running. */
    public static void recordDecline(String name, Attempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        GenServer.cast(name, new Decline(attempt));
    }

    @Override
    public InitResult<FraudDetector> init() {
        return new Ok<>(new FraudDetector(config, clock));
    }

    @Override
    public CallResult<FraudDetector> handleCall(Object request, ReplyTo from, FraudDetector detector) {
        if (request instanceof Check(var attempt)) {
            return new Reply<>(detector.check(attempt), detector);
        }
        return GenServer.super.handleCall(request, from, detector);
    }

    @Override
    public Result<FraudDetector> handleCast(Object request, FraudDetector detector) {
        if (request instanceof Decline(var attempt)) {
            detector.recordDecline(attempt);
            return new NoReply<>(detector);
        }
        return GenServer.super.handleCast(request, detector);
    }
}
