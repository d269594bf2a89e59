package dev.amanah.bench.seed;

import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.List;

/**
 * The processor of {@link RealtimeDonations}: for each {@link ProcessDonation} call it starts a task under
 * its task supervisor and returns without replying; the task runs four concurrent validations and
 * replies to the caller itself, so the server is free for the next call at once.
 */
final class RealtimeProcessor implements GenServer<TaskSupervisor> {
    /** Process a donation of {@code amount} minor units; answered with {@link Outcome}. */
    record ProcessDonation(long amount) {
    }

    /** The answer: processed (with the amount) or rejected. */
    record Outcome(boolean processed, long amount) {
    }

    private static final Duration VALIDATIONS_TIMEOUT = Duration.ofSeconds(30);
    private final TaskSupervisor tasks;

    RealtimeProcessor(TaskSupervisor tasks) {
        this.tasks = tasks;
    }

    @Override
    public InitResult<TaskSupervisor> init() {
        return new Ok<>(tasks);
    }

    @Override
    public CallResult<TaskSupervisor> handleCall(Object request, ReplyTo from, TaskSupervisor tasks) {
        if (!(request instanceof ProcessDonation(long amount))) {
            return GenServer.super.handleCall(request, from, tasks);
        }
        tasks.startChild(() -> GenServer.reply(from, validateAndProcess(amount)));
        return new NoReply<>(tasks);
    }

    private static Outcome validateAndProcess(long amount) {
        var validations = List.of(
                Task.async(() -> amount > 0),
                Task.async(() -> validation(50)),
                Task.async(() -> validation(100)),
                Task.async(() -> validation(75)));
        List<Boolean> results = Task.awaitMany(validations, VALIDATIONS_TIMEOUT);
        return results.stream().allMatch(Boolean::booleanValue) ? new Outcome(true, amount) : new Outcome(false, 0);
    }

    /** A simulated validation that takes {@code millis} and passes. */
    private static boolean validation(long millis) {
        Processes.sleep(Duration.ofMillis(millis));
        return true;
    }
}
