package dev.amanah.examples.finance;

import dev.amanah.examples.Result;
import dev.amanah.finance.allocation.Allocator;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.StreamOptions;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskFunction;
import dev.amanah.otp.task.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The seed's {@code FinancialDomain.Zakat.ConcurrentDistributor}: a zakat pool split between
 * recipients, the transfers made concurrently ({@link Task#asyncStream}, at most 10 at once, 30 s
 * each), and a summary of what succeeded.
 *
 * <p>The seed's {@code transfer_zakat} (100 ms, always succeeds) is the default; it can be
 * replaced, for tests.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>{@code div(pool_amount, length(recipients))} loses the remainder: 100 to three recipients
 *       pays 33 each and 1 stays undistributed (and an empty list raises {@code ArithmeticError}).
 *       Here the pool is split with the finance module's {@link Allocator} (largest remainder, in
 *       minor units): the parts always sum to the pool, 34 + 33 + 33; an empty list is refused
 *       ({@code FinanceException INVALID_PARTS}).</li>
 *   <li>The seed counts {@code {:ok, {:ok, _}}} as successful and {@code {:ok, {:error, _}}} as
 *       failed, so a transfer that timed out is neither (and, with the default
 *       {@code on_timeout: :exit}, it actually ends the caller). Here a slow transfer is killed
 *       ({@code KILL_TASK}) and counted as failed: successful + failed = recipients, always.</li>
 *   <li>The summary also states the amount actually transferred.</li>
 * </ul>
 */
public final class ConcurrentDistributor {
    /** At most 10 transfers at once. */
    public static final int MAX_CONCURRENCY = 10;

    private final TaskFunction<Allocation, Result<Transfer>> transferZakat;
    private final Duration transferTimeout;

    /** A distributor with the seed's simulated transfer and 30 s per transfer. */
    public ConcurrentDistributor() {
        this(ConcurrentDistributor::transferZakat, Duration.ofSeconds(30));
    }

    /** A distributor transferring with {@code transferZakat}, each transfer within {@code transferTimeout}. */
    public ConcurrentDistributor(TaskFunction<Allocation, Result<Transfer>> transferZakat, Duration transferTimeout) {
        this.transferZakat = Objects.requireNonNull(transferZakat, "transferZakat");
        this.transferTimeout = Objects.requireNonNull(transferTimeout, "transferTimeout");
    }

    /** {@code {recipient, amount}}: one recipient's share. */
    public record Allocation(String recipient, Money amount) {
    }

    /** {@code %{recipient: r, amount: a, status: :transferred}}. */
    public record Transfer(String recipient, Money amount, String status) {
    }

    /** One recipient's outcome. */
    public sealed interface Outcome {
        /** The allocation this is the outcome of. */
        Allocation allocation();

        /** The transfer went through. */
        record Transferred(Allocation allocation, Transfer transfer) implements Outcome {
        }

        /** It did not: the transfer's error, or {@code timeout}. */
        record Failed(Allocation allocation, ExitReason reason) implements Outcome {
        }
    }

    /**
     * The summary: {@code %{total_recipients: n, successful: s, failed: f, results: [...]}}.
     *
     * @param totalRecipients how many recipients
     * @param successful      transfers that went through
     * @param failed          transfers that failed or timed out; {@code successful + failed == totalRecipients}
     * @param transferred     the sum of the successful transfers
     * @param results         one outcome per recipient, in the recipients' order
     */
    public record Summary(int totalRecipients, int successful, int failed, Money transferred, List<Outcome> results) {
        public Summary {
            results = List.copyOf(results);
        }
    }

    /**
     * Splits {@code poolAmount} evenly between {@code recipients} (the parts sum to the pool; earlier
     * recipients get the leftover minor units) and transfers each part concurrently.
     *
     * @throws dev.amanah.finance.FinanceException {@code INVALID_PARTS} if there is no recipient
     * @throws IllegalArgumentException            if the pool is zero or negative
     */
    public Summary distribute(Money poolAmount, List<String> recipients) {
        // Calculate allocations
        var allocations = calculateAllocations(poolAmount, recipients);

        // Process transfers concurrently
        var options = StreamOptions.DEFAULT
                .withMaxConcurrency(MAX_CONCURRENCY)
                .withTimeout(transferTimeout)
                .withOnTimeout(StreamOptions.OnTimeout.KILL_TASK);
        List<TaskResult<Result<Transfer>>> results;
        try (var stream = Task.asyncStream(allocations, transferZakat, options)) {
            results = stream.toList();
        }

        // Aggregate results
        var outcomes = new ArrayList<Outcome>(allocations.size());
        for (int i = 0; i < allocations.size(); i++) {
            var allocation = allocations.get(i);
            outcomes.add(switch (results.get(i)) {
                case TaskResult.Ok<Result<Transfer>>(Result.Ok<Transfer>(var transfer)) ->
                        new Outcome.Transferred(allocation, transfer);
                case TaskResult.Ok<Result<Transfer>>(Result.Error<Transfer>(var reason)) ->
                        new Outcome.Failed(allocation, reason);
                case TaskResult.Exit<Result<Transfer>>(var reason) -> new Outcome.Failed(allocation, reason);
            });
        }
        var transferred = outcomes.stream()
                .filter(Outcome.Transferred.class::isInstance)
                .map(outcome -> outcome.allocation().amount())
                .reduce(Money.zero(poolAmount.currency()), Money::plus);
        int successful = (int) outcomes.stream().filter(Outcome.Transferred.class::isInstance).count();
        return new Summary(recipients.size(), successful, outcomes.size() - successful, transferred, outcomes);
    }

    /** Each recipient's share of {@code poolAmount}, in order; the shares sum to the pool. */
    public static List<Allocation> calculateAllocations(Money poolAmount, List<String> recipients) {
        if (poolAmount.signum() <= 0) {
            throw new IllegalArgumentException("a zakat pool to distribute must be positive, was " + poolAmount);
        }
        var shares = Allocator.evenly(poolAmount, recipients.size());
        return IntStream.range(0, recipients.size())
                .mapToObj(i -> new Allocation(recipients.get(i), shares.get(i)))
                .toList();
    }

    private static Result<Transfer> transferZakat(Allocation allocation) {
        // Simulate transfer
        Processes.sleep(Duration.ofMillis(100));
        return Result.ok(new Transfer(allocation.recipient(), allocation.amount(), "transferred"));
    }
}
