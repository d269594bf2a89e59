package dev.amanah.otp.pool;

import dev.amanah.otp.server.StartResult;

/**
 * The reason a {@link WorkerPool} exits with when its worker factory does not start a worker
 * (returns {@code Ignore} or {@code Error}, or throws): as poolboy, a pool that cannot keep its
 * size fails, and its supervisor decides.
 *
 * @param result what the factory returned ({@code Error} with the exception's reason if it threw)
 */
public record WorkerStartFailed(StartResult result) {
}
