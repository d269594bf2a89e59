package dev.amanah.otp;

/**
 * A process started with {@link Processes#spawnMonitor} and the monitor on it: Elixir's
 * {@code {pid, ref}}.
 *
 * @param pid the new process
 * @param ref the monitor; its {@link Down} names this ref
 */
public record Monitored(Pid pid, Ref ref) {
}
