package dev.amanah.examples.tasks;

import dev.amanah.examples.Result;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.Shutdown;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskFunction;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The seed's {@code FinancialDomain.Workers.TaskManager}: donation work run under a
 * {@link TaskSupervisor}, so that a failing task does not take the caller with it.
 *
 * <p>The seed's simulations ({@code process_donation} sleeping 1 s and answering
 * {@code {:ok, id}}, {@code send_receipt} sleeping 500 ms) are the defaults; {@code with...}
 * methods replace them, for tests.
 *
 * <p>Changed from the seed, in {@code process_donations_batch}:
 * <ul>
 *   <li>Its {@code case} matches {@code {:ok, value}} and {@code nil} only: a donation whose task
 *       crashed yields {@code {:exit, reason}}, which raises {@code CaseClauseError} and crashes
 *       the caller, defeating {@code async_nolink}. Here it is {@code Error(reason)}.</li>
 *   <li>It ignores what {@code Task.shutdown} returns: a result that came in between the end of
 *       {@code yield_many} and the kill is thrown away and reported as a timeout. Here it is
 *       kept.</li>
 * </ul>
 */
public final class TaskManager {
    /** The name of the seed's supervisor, {@code FinancialDomain.TaskSupervisor}. */
    public static final String SUPERVISOR = "TaskSupervisor";
    /** How long {@link #processDonationsBatch} waits for the whole batch: 30 s, as the seed. */
    public static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

    private final TaskSupervisor supervisor;
    private final TaskFunction<String, Result<String>> donationProcessor;
    private final Consumer<String> receiptSender;
    private final Duration batchTimeout;

    /** A manager on the supervisor registered as {@link #SUPERVISOR}, with the seed's simulations. */
    public TaskManager() {
        this(TaskSupervisor.named(SUPERVISOR));
    }

    /** A manager on {@code supervisor}, with the seed's simulations. */
    public TaskManager(TaskSupervisor supervisor) {
        this(supervisor, TaskManager::processDonation, TaskManager::sendReceipt, BATCH_TIMEOUT);
    }

    private TaskManager(TaskSupervisor supervisor, TaskFunction<String, Result<String>> donationProcessor,
                        Consumer<String> receiptSender, Duration batchTimeout) {
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.donationProcessor = Objects.requireNonNull(donationProcessor, "donationProcessor");
        this.receiptSender = Objects.requireNonNull(receiptSender, "receiptSender");
        this.batchTimeout = Objects.requireNonNull(batchTimeout, "batchTimeout");
    }

    /** This manager processing donations with {@code processor}, a batch waiting up to {@code timeout}. */
    public TaskManager withDonationProcessor(TaskFunction<String, Result<String>> processor, Duration timeout) {
        return new TaskManager(supervisor, processor, receiptSender, timeout);
    }

    /** This manager sending receipts with {@code sender}. */
    public TaskManager withReceiptSender(Consumer<String> sender) {
        return new TaskManager(supervisor, donationProcessor, sender, batchTimeout);
    }

    /**
     * Starts processing {@code donationId} as a supervised task, monitored by the caller and not
     * linked to it: collect it with {@code await} or {@code yield}; its crash is a result, never
     * the caller's death.
     *
     * @throws dev.amanah.otp.ExitException with {@code InCall(noproc, "TaskSupervisor", ...)} if
     *                                      the supervisor is not running
     */
    public Task<Result<String>> processDonationSupervised(String donationId) {
        return supervisor.asyncNolink(() -> donationProcessor.apply(donationId));
    }

    /**
     * Processes {@code donationIds} as supervised tasks, waits up to the batch timeout (30 s) for
     * them all, and returns one result per id, in order: the task's own result, {@code Error(reason)}
     * for a task that crashed, or {@code Error(timeout)} for one still running, which is killed.
     * Leaves nothing of the tasks in the caller's mailbox.
     */
    public List<Result<String>> processDonationsBatch(List<String> donationIds) {
        var tasks = donationIds.stream().map(this::processDonationSupervised).toList();

        // Collect results with timeout
        return Task.yieldMany(tasks, batchTimeout).stream().map(yielded -> switch (yielded.result().orElse(null)) {
            case TaskResult.Ok<Result<String>>(var value) -> value;
            case TaskResult.Exit<Result<String>>(var reason) -> Result.<String>error(reason);
            // Task didn't complete in time; its result may still race in while it is killed
            case null -> switch (yielded.task().shutdown(Shutdown.BRUTAL_KILL).orElse(null)) {
                case TaskResult.Ok<Result<String>>(var value) -> value;
                case TaskResult.Exit<Result<String>>(var reason) -> Result.<String>error(reason);
                case null -> Result.<String>error(ExitReason.TIMEOUT);
            };
        }).toList();
    }

    /**
     * Fire and forget: sends a receipt for each of {@code donationIds} in its own supervised
     * task, neither linked nor monitored; returns at once. A failing receipt affects nobody.
     */
    public void sendReceiptsAsync(List<String> donationIds) {
        for (var id : donationIds) {
            supervisor.startChild(() -> receiptSender.accept(id));
        }
    }

    private static Result<String> processDonation(String id) {
        // Simulate processing
        Processes.sleep(Duration.ofSeconds(1));
        return Result.ok(id);
    }

    private static void sendReceipt(String id) {
        // Simulate sending email
        Processes.sleep(Duration.ofMillis(500));
    }
}
