package dev.amanah.otp.supervisor;

import dev.amanah.otp.server.Name;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DynamicSupervisor}'s flags. The strategy is always one for one.
 *
 * @param maxRestarts restarts allowed within {@code maxSeconds}; 3 by default
 * @param maxSeconds  the window of {@code maxRestarts}, Elixir's {@code max_seconds}; 5 s by default
 * @param maxChildren how many children it may have at once; {@link Integer#MAX_VALUE} (Elixir's
 *                    {@code :infinity}) by default
 * @param name        a name to register the supervisor under; none by default
 */
public record DynamicSupervisorOptions(int maxRestarts, Duration maxSeconds, int maxChildren, Optional<Name> name) {

    /** 3 restarts in 5 s, no limit on children, no name. */
    public static final DynamicSupervisorOptions DEFAULT =
            new DynamicSupervisorOptions(3, Duration.ofSeconds(5), Integer.MAX_VALUE, Optional.empty());

    public DynamicSupervisorOptions {
        Objects.requireNonNull(maxSeconds, "maxSeconds");
        Objects.requireNonNull(name, "name");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("negative maxRestarts: " + maxRestarts);
        }
        if (maxSeconds.isNegative() || maxSeconds.isZero()) {
            throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
        }
        if (maxChildren < 0) {
            throw new IllegalArgumentException("negative maxChildren: " + maxChildren);
        }
    }

    /** These options allowing {@code maxRestarts} restarts within {@link #maxSeconds()} (Elixir's {@code max_restarts}). */
    public DynamicSupervisorOptions withMaxRestarts(int maxRestarts) {
        return new DynamicSupervisorOptions(maxRestarts, maxSeconds, maxChildren, name);
    }

    /** These options counting restarts within {@code maxSeconds} (Elixir's {@code max_seconds}). */
    public DynamicSupervisorOptions withMaxSeconds(Duration maxSeconds) {
        return new DynamicSupervisorOptions(maxRestarts, maxSeconds, maxChildren, name);
    }

    /** These options with a limit on children. */
    public DynamicSupervisorOptions withMaxChildren(int maxChildren) {
        return new DynamicSupervisorOptions(maxRestarts, maxSeconds, maxChildren, name);
    }

    /** These options with a local name. */
    public DynamicSupervisorOptions withName(String name) {
        return withName(Name.local(name));
    }

    /** These options with {@code name}. */
    public DynamicSupervisorOptions withName(Name name) {
        return new DynamicSupervisorOptions(maxRestarts, maxSeconds, maxChildren, Optional.of(name));
    }
}
