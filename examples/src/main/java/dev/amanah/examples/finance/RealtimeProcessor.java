package dev.amanah.examples.finance;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskReply;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The seed's {@code FinancialDomain.Donations.RealtimeProcessor}: a {@link GenServer} that answers
 * each {@code process_donation} call from a supervised task (four validations run concurrently,
 * then the payment), so that the server itself never blocks and handles many donations at once.
 *
 * <p>The seed's simulations (validations of 0, 50, 100 and 75 ms, a 200 ms payment answering
 * {@code REC123}) are {@link Services#SIMULATED}; a test passes its own.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li><b>The caller never got its reply.</b> The seed's {@code handle_info({ref, result}, state)}
 *       takes the task's result, demonitors with {@code :flush} and throws the result away. Its
 *       second monitor (the seed monitors the task again, under another ref) then delivers
 *       {@code DOWN}, whose clause calls {@code Task.await(task, 0)} for a reply it has already
 *       consumed: the await exits with {@code {:timeout, {Task, :await, ...}}}, which crashes the
 *       server, and the caller exits with it instead of receiving its answer. Here the reply
 *       clause answers the caller ({@link GenServer#reply}) with the task's result, and the one
 *       monitor is the task's own ({@link Task#ref()}).</li>
 *   <li>A task that crashes (a validation or the payment raising) answers the caller
 *       {@link Outcome.Failed} with the reason, instead of the seed's crash of the server.</li>
 *   <li>{@code {:error, :validation_failed}} does not say which validation failed;
 *       {@link Outcome.ValidationFailed} lists their reasons.</li>
 *   <li>Amounts are exact {@link Money}.</li>
 * </ul>
 */
public final class RealtimeProcessor implements GenServer<Map<Ref, ReplyTo>> {
    /** The name the server registers: the seed's {@code __MODULE__}. */
    public static final String NAME = "RealtimeProcessor";
    /** How long {@link #processDonation} waits: 30 s, as the seed. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final TaskSupervisor supervisor;
    private final Services services;

    private RealtimeProcessor(TaskSupervisor supervisor, Services services) {
        this.supervisor = supervisor;
        this.services = services;
    }

    /** A donation to process. */
    public record Donation(String id, String campaignId, String donorId, Money amount) {
    }

    /** {@code {:process, donation}}, a call. */
    public record ProcessDonation(Donation donation) {
    }

    /** What a caller of {@link #processDonation} gets. */
    public sealed interface Outcome {
        /** {@code {:ok, %{status: :completed, receipt_id: id}}}. */
        record Completed(String receiptId) implements Outcome {
        }

        /** {@code {:error, :validation_failed}}, with the reasons of the validations that failed. */
        record ValidationFailed(List<String> reasons) implements Outcome {
            public ValidationFailed {
                reasons = List.copyOf(reasons);
            }
        }

        /** The processing task crashed; {@code reason} is its exit reason. */
        record Failed(ExitReason reason) implements Outcome {
        }
    }

    /** What a validation answers: {@code {:ok, what}} or {@code {:error, reason}}. */
    public sealed interface Validation {
        /** It passed. */
        record Valid(String what) implements Validation {
        }

        /** It failed, for {@code reason}. */
        record Invalid(String reason) implements Validation {
        }
    }

    /**
     * The steps of processing a donation; each runs in a task. Any step may throw, which fails the
     * donation with {@link Outcome.Failed}.
     */
    public interface Services {
        /** The seed's simulations. */
        Services SIMULATED = new Services() {
        };

        /** Positive amount: {@code Valid("valid")}, else {@code Invalid("invalid_amount")}. */
        default Validation validateAmount(Donation donation) {
            return donation.amount().signum() > 0 ? new Validation.Valid("valid") : new Validation.Invalid("invalid_amount");
        }

        /** 50 ms, then {@code Valid("valid")}. */
        default Validation validateCampaign(Donation donation) {
            Processes.sleep(Duration.ofMillis(50));
            return new Validation.Valid("valid");
        }

        /** 100 ms, then {@code Valid("not_fraud")}. */
        default Validation checkFraud(Donation donation) {
            Processes.sleep(Duration.ofMillis(100));
            return new Validation.Valid("not_fraud");
        }

        /** 75 ms, then {@code Valid("verified")}. */
        default Validation verifyDonor(Donation donation) {
            Processes.sleep(Duration.ofMillis(75));
            return new Validation.Valid("verified");
        }

        /** 200 ms, then the receipt {@code REC123}. */
        default String processPayment(Donation donation) {
            Processes.sleep(Duration.ofMillis(200));
            return "REC123";
        }
    }

    /**
     * Starts the processor linked to the caller, registered as {@link #NAME}, running its tasks
     * under {@code supervisor} with {@code services}; blocks until it runs.
     */
    public static StartResult startLink(TaskSupervisor supervisor, Services services) {
        return GenServer.startLink(new RealtimeProcessor(Objects.requireNonNull(supervisor, "supervisor"),
                Objects.requireNonNull(services, "services")), StartOptions.named(NAME));
    }

    /**
     * Processes {@code donation} and returns its outcome; waits up to {@link #CALL_TIMEOUT}. Many
     * callers may wait at once: the server answers each when its task is done.
     *
     * @throws dev.amanah.otp.ExitException {@code InCall(timeout | noproc | reason, "GenServer", "call", ...)}
     */
    public static Outcome processDonation(Donation donation) {
        return GenServer.call(NAME, new ProcessDonation(donation), CALL_TIMEOUT);
    }

    // ---- server callbacks ----

    @Override
    public InitResult<Map<Ref, ReplyTo>> init() {
        return new Ok<>(new HashMap<>());
    }

    @Override
    public CallResult<Map<Ref, ReplyTo>> handleCall(Object request, ReplyTo from, Map<Ref, ReplyTo> processing) {
        if (!(request instanceof ProcessDonation(var donation))) {
            return GenServer.super.handleCall(request, from, processing);
        }
        // Start concurrent validation and processing; the server goes on with the next message.
        var task = supervisor.asyncNolink(() -> validateAndPay(donation));
        // Track processing task, by the task's own monitor
        processing.put(task.ref(), from);
        return new NoReply<>(processing);
    }

    @Override
    public Result<Map<Ref, ReplyTo>> handleInfo(Object message, Map<Ref, ReplyTo> processing) {
        switch (message) {
            case TaskReply<?>(var ref, var outcome) when processing.containsKey(ref) -> {
                // Task completed successfully: its DOWN is of no interest now.
                Processes.demonitor(ref, true);
                GenServer.reply(processing.remove(ref), outcome);
            }
            case Down(var ref, var pid, var reason) when processing.containsKey(ref) ->
                    // The task ended without replying: it crashed.
                    GenServer.reply(processing.remove(ref), new Outcome.Failed(reason));
            default -> {
                return GenServer.super.handleInfo(message, processing);
            }
        }
        return new NoReply<>(processing);
    }

    private Outcome validateAndPay(Donation donation) {
        // Run validations concurrently
        var validationTasks = List.of(
                Task.async(() -> services.validateAmount(donation)),
                Task.async(() -> services.validateCampaign(donation)),
                Task.async(() -> services.checkFraud(donation)),
                Task.async(() -> services.verifyDonor(donation)));

        // Wait for all validations
        var validationResults = Task.awaitMany(validationTasks);

        // Check if all validations passed
        var failures = validationResults.stream()
                .flatMap(result -> result instanceof Validation.Invalid(var reason) ? Stream.of(reason) : Stream.<String>empty())
                .toList();
        if (!failures.isEmpty()) {
            return new Outcome.ValidationFailed(failures);
        }
        // Process payment
        return new Outcome.Completed(services.processPayment(donation));
    }
}
