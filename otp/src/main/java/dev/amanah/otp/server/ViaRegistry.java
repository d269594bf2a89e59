package dev.amanah.otp.server;

import dev.amanah.otp.Pid;
import java.util.Optional;

/**
 * A registry that can name a {@link GenServer}: the contract of OTP's {@code {:via, module, key}}
 * ({@code register_name/2}, {@code unregister_name/1}, {@code whereis_name/1}).
 * {@code dev.amanah.otp.registry.Registry} implements it for unique-key registries.
 *
 * <p>{@link #registerName} is called by the server's own process before {@code init} runs, so a
 * registry that only lets a process register itself (as {@code Registry} does) works.
 * Implementations must be thread-safe; the name must be released when the process ends.
 */
public interface ViaRegistry {

    /**
     * Registers {@code pid} (the calling process) under {@code key}.
     *
     * @return true if registered, false if {@code key} is taken by a live process
     */
    boolean registerName(Object key, Pid pid);

    /** Removes the calling process's registration of {@code key}, if any. */
    void unregisterName(Object key);

    /** The live process registered under {@code key}, if any. */
    Optional<Pid> whereisName(Object key);
}
