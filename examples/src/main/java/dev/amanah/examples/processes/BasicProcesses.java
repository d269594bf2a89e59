package dev.amanah.examples.processes;

import static dev.amanah.examples.SimpleZakat.calculateZakat;

import dev.amanah.examples.IO;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.time.Duration;
import java.util.Optional;

/**
 * The seed's {@code FinancialDomain.Examples.BasicProcesses}: the three ways to start a process,
 * {@code spawn/1}, {@code spawn_link/1} and {@code spawn_monitor/1}, each computing the zakat on
 * 10,000 with a nisab of 5,000 and printing it.
 *
 * <p>Changed from the seed: the zakat is exact money ({@link dev.amanah.examples.SimpleZakat}),
 * and {@link #spawnMonitoredCalculation()} returns the exit reason it printed and, on timeout,
 * removes its monitor so that a late {@code DOWN} cannot land in the caller's mailbox.
 */
public final class BasicProcesses {
    /** The wealth the seed's examples use: 10,000. */
    public static final Money WEALTH = Money.of("10000", "USD");
    /** The nisab the seed's examples use: 5,000. */
    public static final Money NISAB = Money.of("5000", "USD");
    /** How long {@link #spawnMonitoredCalculation()} waits for the process to end: 5 s, as the seed. */
    public static final Duration MONITOR_TIMEOUT = Duration.ofSeconds(5);

    private BasicProcesses() {
    }

    /**
     * Spawns an independent process ({@code spawn/1}) that prints the zakat; prints and returns
     * its pid at once. Neither linked nor monitored: if it crashed, the caller would not know.
     */
    public static Pid spawnCalculation() {
        var pid = Processes.spawn(() -> {
            var result = calculateZakat(WEALTH, NISAB);
            IO.puts("Zakat calculated: " + result);
        });
        IO.puts("Spawned process: " + pid);
        return pid;
    }

    /**
     * Spawns a process linked to the caller ({@code spawn_link/1}) that prints the zakat; returns
     * its pid at once. If it crashed, the caller would crash too (unless it traps exits, in which
     * case it receives {@code Exit(pid, reason)}); it ends {@code normal}, which a link ignores.
     */
    public static Pid spawnLinkedCalculation() {
        return Processes.spawnLink(() -> {
            var result = calculateZakat(WEALTH, NISAB);
            IO.puts("Zakat calculated: " + result);
        });
    }

    /**
     * Spawns a monitored process ({@code spawn_monitor/1}) that prints the zakat, waits up to
     * {@link #MONITOR_TIMEOUT} for its {@code DOWN}, prints the exit reason and returns it. On
     * timeout prints so and returns empty, having removed the monitor (and any {@code DOWN} that
     * raced in), so nothing is left in the mailbox either way.
     */
    public static Optional<ExitReason> spawnMonitoredCalculation() {
        var monitored = Processes.spawnMonitor(() -> {
            var result = calculateZakat(WEALTH, NISAB);
            IO.puts("Zakat calculated: " + result);
        });
        ExitReason reason = Processes.receive(MONITOR_TIMEOUT, message -> switch (message) {
            case Down(var ref, var pid, var why) when ref == monitored.ref() && pid.equals(monitored.pid()) -> why;
            default -> null;
        });
        if (reason == null) {
            Processes.demonitor(monitored.ref(), true);
            IO.puts("Timeout waiting for process");
            return Optional.empty();
        }
        IO.puts("Process exited: " + reason);
        return Optional.of(reason);
    }
}
