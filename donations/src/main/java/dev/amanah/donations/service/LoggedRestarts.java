package dev.amanah.donations.service;

import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a supervisor's restarts of a child visible in the log, as OTP's supervisor reports are:
 * the runtime logs a crashed process's report ({@code dev.amanah.otp.crash}); this logs the
 * supervisor starting the child again, with the new pid and how many restarts it has had.
 *
 * <p>{@link #all} wraps each child spec's start function: the first start is logged at DEBUG,
 * every later one (a restart after a crash, or by {@code restartChild}) at WARNING as
 * {@code event=child_restarted supervisor=<name> child=<id> pid=<pid> restarts=<n>}; a failed
 * start at ERROR. Thread-safe (the supervisor starts its children from its own process anyway).
 */
final class LoggedRestarts {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.supervision");

    private LoggedRestarts() {
    }

    /** Every spec of {@code children} with its (re)starts under {@code supervisor} logged, in order. */
    static List<ChildSpec> all(String supervisor, List<ChildSpec> children) {
        return children.stream().map(spec -> of(supervisor, spec)).toList();
    }

    /** {@code spec} with its (re)starts under {@code supervisor} logged. */
    private static ChildSpec of(String supervisor, ChildSpec spec) {
        var starts = new AtomicInteger();
        return new ChildSpec(spec.id(), () -> {
            var result = spec.start().get();
            int restarts = starts.getAndIncrement();
            switch (result) {
                case StartResult.Error(var reason) -> LOG.log(System.Logger.Level.ERROR,
                        "event=child_start_failed supervisor={0} child={1} reason={2}", supervisor, spec.id(), reason);
                case StartResult.Ok(var pid) when restarts == 0 -> LOG.log(System.Logger.Level.DEBUG,
                        "event=child_started supervisor={0} child={1} pid={2}", supervisor, spec.id(), pid);
                case StartResult.Ok(var pid) -> LOG.log(System.Logger.Level.WARNING,
                        "event=child_restarted supervisor={0} child={1} pid={2} restarts={3}",
                        supervisor, spec.id(), pid, restarts);
                case StartResult.Ignore ignore -> {
                }
            }
            return result;
        }, spec.restart(), spec.shutdown(), spec.type(), spec.significant());
    }
}
