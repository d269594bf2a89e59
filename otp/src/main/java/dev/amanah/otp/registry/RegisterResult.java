package dev.amanah.otp.registry;

import dev.amanah.otp.Pid;
import java.util.Objects;

/** The outcome of {@link Registry#register}: Elixir's {@code {:ok, owner} | {:error, {:already_registered, pid}}}. */
public sealed interface RegisterResult {

    /**
     * Registered.
     *
     * @param partition the registry partition process that now watches the caller (Elixir's owner)
     */
    record Ok(Pid partition) implements RegisterResult {
        public Ok {
            Objects.requireNonNull(partition, "partition");
        }
    }

    /**
     * A unique key is held already, by a live process (possibly the caller itself).
     *
     * @param pid the process holding the key
     */
    record AlreadyRegistered(Pid pid) implements RegisterResult {
        public AlreadyRegistered {
            Objects.requireNonNull(pid, "pid");
        }
    }
}
