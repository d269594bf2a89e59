package dev.amanah.donations.service;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.supervisor.ChildSpec;
import java.util.concurrent.CountDownLatch;

/**
 * For tests of a stop that does not end: a server that traps exits, so that its supervisor's
 * stop runs its {@code terminate}, which tells {@code test} ({@link Terminating}) and then blocks
 * until {@code release} opens. Under a supervisor that waits for ever for it
 * ({@link #childSpec}: {@code shutdown: infinity}) the supervisor's stop never ends. Open the
 * latch at the end of the test, so that nothing is left running.
 */
public record StuckServer(Pid test, CountDownLatch release) implements GenServer<Object> {
    /** Its registered name. */
    public static final String NAME = "test.stuck";

    /** What a test server sends its test as its {@code terminate} starts. */
    public record Terminating(String name) {
    }

    /** Its child spec: registered as {@link #NAME}, waited for without end by its supervisor. */
    public static ChildSpec childSpec(Pid test, CountDownLatch release) {
        return ChildSpec.worker(NAME, () -> GenServer.startLink(new StuckServer(test, release), StartOptions.named(NAME)))
                .withShutdown(ChildSpec.Shutdown.INFINITY);
    }

    @Override
    public InitResult<Object> init() {
        Processes.trapExits(true);
        return new Ok<>(NAME);
    }

    @Override
    public void terminate(ExitReason reason, Object state) {
        Processes.send(test, new Terminating(NAME));
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
