package dev.amanah.otp.supervisor;

import dev.amanah.otp.server.Name;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DynamicSupervisor}'s flags. The strategy is always one for one.
 *
 * @param maxRestarts restarts allowed within {@code period}; 3 by default
 * @param period      Elixir's {@code max_seconds}; 5 s by default
 * @param maxChildren how many children it may have at once; {@link Integer#MAX_VALUE} (Elixir's
 *                    {@code :infinity}) by default
 * @param name        a name to register the supervisor under; none by default
 */
public record DynamicSupervisorOptions(int maxRestarts, Duration period, int maxChildren, Optional<Name> name) {

    /** 3 restarts in 5 s, no limit on children, no name. */
    public static final DynamicSupervisorOptions DEFAULT =
            new DynamicSupervisorOptions(3, Duration.ofSeconds(5), Integer.MAX_VALUE, Optional.empty());

    public DynamicSupervisorOptions {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(name, "name");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("negative maxRestarts: " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        if (maxChildren < 0) {
            throw new IllegalArgumentException("negative maxChildren: " + maxChildren);
        }
    }

    /** These options with another restart intensity. */
    public DynamicSupervisorOptions withIntensity(int maxRestarts, Duration period) {
        return new DynamicSupervisorOptions(maxRestarts, period, maxChildren, name);
    }

    /** These options with a limit on children. */
    public DynamicSupervisorOptions withMaxChildren(int maxChildren) {
        return new DynamicSupervisorOptions(maxRestarts, period, maxChildren, name);
    }

    /** These options with a local name. */
    public DynamicSupervisorOptions withName(String name) {
        return withName(Name.local(name));
    }

    /** These options with {@code name}. */
    public DynamicSupervisorOptions withName(Name name) {
        return new DynamicSupervisorOptions(maxRestarts, period, maxChildren, Optional.of(name));
    }
}
