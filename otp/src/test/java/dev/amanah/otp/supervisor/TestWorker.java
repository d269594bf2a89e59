package dev.amanah.otp.supervisor;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;

/**
 * A worker that tells an observer when it starts and terminates, traps exits (so that its
 * terminate runs when its supervisor stops it), and crashes or stops on request.
 */
final class TestWorker implements GenServer<String> {
    record Started(Object id, Pid pid) {
    }

    record Stopped(Object id, ExitReason reason) {
    }

    private final String id;
    private final Pid observer;
    private final boolean hangInTerminate;

    TestWorker(String id, Pid observer, boolean hangInTerminate) {
        this.id = id;
        this.observer = observer;
        this.hangInTerminate = hangInTerminate;
    }

    static ChildSpec spec(String id, Pid observer) {
        return ChildSpec.worker(id, () -> start(id, observer));
    }

    static StartResult start(String id, Pid observer) {
        return GenServer.startLink(new TestWorker(id, observer, false));
    }

    /** Makes the worker crash with a {@code Crash} reason. */
    static void crash(Pid pid) {
        GenServer.cast(pid, "crash");
    }

    /** Makes the worker stop with {@code reason}. */
    static void stopWith(Pid pid, ExitReason reason) {
        GenServer.cast(pid, reason);
    }

    /** Waits for the start of {@code id}; returns its pid. */
    static Pid awaitStart(String id) {
        return assertReceive(m -> m instanceof Started s && s.id().equals(id) ? s.pid() : null);
    }

    /** Waits for the terminate of {@code id}; returns its reason. */
    static ExitReason awaitStop(String id) {
        return assertReceive(m -> m instanceof Stopped s && s.id().equals(id) ? s.reason() : null);
    }

    @Override
    public InitResult<String> init() {
        Processes.trapExits(true);
        observer.send(new Started(id, Processes.self()));
        return new Ok<>(id);
    }

    @Override
    public Result<String> handleCast(Object request, String state) {
        return switch (request) {
            case ExitReason reason -> new Stop<>(reason, state);
            case String text when text.equals("crash") -> throw new IllegalStateException("asked to crash");
            default -> GenServer.super.handleCast(request, state);
        };
    }

    @Override
    public void terminate(ExitReason reason, String state) {
        observer.send(new Stopped(id, reason));
        if (hangInTerminate) {
            Processes.receive();
        }
    }
}
