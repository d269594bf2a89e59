package dev.amanah.otp.supervisor;

import dev.amanah.otp.server.Name;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Supervisor}'s flags: strategy, restart intensity, auto-shutdown and name.
 *
 * @param strategy     how children are restarted; {@link Strategy#ONE_FOR_ONE} by default
 * @param maxRestarts  restarts allowed within {@code maxSeconds}; 3 by default (Elixir's default, not
 *                     Erlang's 1): one more and the supervisor stops all children and exits
 *                     {@code shutdown}
 * @param maxSeconds   the window of {@code maxRestarts}, Elixir's {@code max_seconds}; 5 s by default
 * @param autoShutdown whether significant children's ends shut the supervisor down; never by default
 * @param name         a name to register the supervisor under; none by default
 */
public record SupervisorOptions(Strategy strategy, int maxRestarts, Duration maxSeconds, AutoShutdown autoShutdown,
                                Optional<Name> name) {

    /** One for one, 3 restarts in 5 s, no auto-shutdown, no name. */
    public static final SupervisorOptions DEFAULT = new SupervisorOptions(Strategy.ONE_FOR_ONE, 3,
            Duration.ofSeconds(5), AutoShutdown.NEVER, Optional.empty());

    public SupervisorOptions {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(maxSeconds, "maxSeconds");
        Objects.requireNonNull(autoShutdown, "autoShutdown");
        Objects.requireNonNull(name, "name");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("negative maxRestarts: " + maxRestarts);
        }
        if (maxSeconds.isNegative() || maxSeconds.isZero()) {
            throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
        }
    }

    /** The defaults with {@code strategy}. */
    public static SupervisorOptions of(Strategy strategy) {
        return DEFAULT.withStrategy(strategy);
    }

    /** These options with {@code strategy}. */
    public SupervisorOptions withStrategy(Strategy strategy) {
        return new SupervisorOptions(strategy, maxRestarts, maxSeconds, autoShutdown, name);
    }

    /** These options allowing {@code maxRestarts} restarts within {@link #maxSeconds()} (Elixir's {@code max_restarts}). */
    public SupervisorOptions withMaxRestarts(int maxRestarts) {
        return new SupervisorOptions(strategy, maxRestarts, maxSeconds, autoShutdown, name);
    }

    /** These options counting restarts within {@code maxSeconds} (Elixir's {@code max_seconds}). */
    public SupervisorOptions withMaxSeconds(Duration maxSeconds) {
        return new SupervisorOptions(strategy, maxRestarts, maxSeconds, autoShutdown, name);
    }

    /** These options with another auto-shutdown. */
    public SupervisorOptions withAutoShutdown(AutoShutdown autoShutdown) {
        return new SupervisorOptions(strategy, maxRestarts, maxSeconds, autoShutdown, name);
    }

    /** These options with a local name. */
    public SupervisorOptions withName(String name) {
        return withName(Name.local(name));
    }

    /** These options with {@code name}. */
    public SupervisorOptions withName(Name name) {
        return new SupervisorOptions(strategy, maxRestarts, maxSeconds, autoShutdown, Optional.of(name));
    }
}
