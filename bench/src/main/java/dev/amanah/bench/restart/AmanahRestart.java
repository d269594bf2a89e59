package dev.amanah.bench.restart;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Completion;
import dev.amanah.bench.Sample;
import dev.amanah.bench.Scale;
import dev.amanah.bench.Workload;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Next;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Restart} on Amanah: a one-for-one {@link Supervisor} (started by a driver process) with
 * one permanent {@link GenServer} child that crashes in {@code handleContinue} until the last
 * generation. The runtime's crash reports (logger {@code dev.amanah.otp.crash}) are off during the
 * run and restored after.
 */
final class AmanahRestart implements Workload {
    /** Held strongly while its level is changed: java.util.logging keeps loggers weakly. */
    private static final Logger CRASH_REPORTS = Logger.getLogger("dev.amanah.otp.crash");

    /** Crashes right after {@code init} while its generation must; the last one serves nothing. */
    private record Crasher(Restart.Generations generations) implements GenServer<Integer> {
        private static final Object CRASH = "crash";

        @Override
        public InitResult<Integer> init() {
            return generations.started() ? new Ok<>(0, Next.continueWith(CRASH)) : new Ok<>(0);
        }

        @Override
        public Result<Integer> handleContinue(Object argument, Integer state) {
            throw Restart.CRASH;
        }
    }

    @Override
    public List<Sample> run(Scale scale) throws Exception {
        var generations = new Restart.Generations(scale.count(Restart.RESTARTS));
        var level = CRASH_REPORTS.getLevel();
        CRASH_REPORTS.setLevel(Level.OFF);
        try {
            var done = new Completion(1);
            Processes.spawn(done.guard(() -> supervise(generations, scale.count(Restart.RESTARTS)))::run);
            done.await("restart on Amanah");
        } finally {
            CRASH_REPORTS.setLevel(level);
        }
        generations.check();
        return generations.samples();
    }

    private static void supervise(Restart.Generations generations, int restarts) {
        var child = ChildSpec.worker("crasher", () -> GenServer.startLink(new Crasher(generations)));
        var options = SupervisorOptions.DEFAULT.withMaxRestarts(restarts + 1).withMaxSeconds(Duration.ofHours(1));
        var supervisor = Supervisor.startLink(List.of(child), options).orElseThrow();
        try {
            generations.awaitSettled("restart on Amanah: the last generation");
            var counts = Supervisor.countChildren(supervisor);
            BenchmarkFailure.check(counts.active() == 1, () -> "restart: the supervisor reports " + counts);
        } catch (InterruptedException e) {
            throw new BenchmarkFailure("restart on Amanah: interrupted");
        } finally {
            Supervisor.stop(supervisor);
        }
    }
}
