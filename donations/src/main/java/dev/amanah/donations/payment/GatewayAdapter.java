package dev.amanah.donations.payment;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The service's way to the payment provider, as a supervised process: the long-lived part of a
 * provider's client (here the {@link CircuitBreaker}'s state) belongs to one registered server,
 * which a supervisor restarts with a fresh state if it crashes.
 *
 * <p>Each operation is a call to the server; the server runs it as a task under a
 * {@link TaskSupervisor}, which answers the caller directly, so operations run concurrently and
 * the server is busy only for the time it takes to start a task (one process calling the
 * provider in turn would serialise every latency). The tasks are not linked to the server: if it
 * crashes, operations already sent to the provider run to their end, as requests already on the
 * wire do.
 *
 * <p>Callers use {@link #client}: a {@link PaymentGateway} whose calls to the server cannot
 * throw for the server's sake. A call that fails because the server is down or crashed meanwhile,
 * or that gets no answer in time, is a {@link TransientFailure}, to be retried with the same
 * idempotency key ({@link Retrying} around the client does): the provider settles a key once, so
 * an operation that did reach it is answered again, never repeated.
 */
public final class GatewayAdapter implements GenServer<PaymentGateway> {
    private static final System.Logger LOG = System.getLogger(GatewayAdapter.class.getName());

    /** An operation: a {@link GatewayRequest}, a {@link Lookup} or a {@link CardOf}. A call. */
    record Perform(Object operation) {
    }

    /** {@link PaymentGateway#lookup} of a key. */
    record Lookup(String idempotencyKey) {
    }

    /** {@link PaymentGateway#cardFingerprint} of a token. */
    record CardOf(String paymentToken) {
    }

    private final Supplier<PaymentGateway> connect;
    private final TaskSupervisor tasks;

    private GatewayAdapter(Supplier<PaymentGateway> connect, TaskSupervisor tasks) {
        this.connect = Objects.requireNonNull(connect, "connect");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /**
     * The adapter as a permanent worker registered as {@code name}. {@code connect} is called in
     * each (re)start and gives the gateway the server's operations go through (a circuit breaker
     * around the provider): a restarted adapter starts with a closed circuit. Operations run as
     * tasks under {@code tasks}.
     */
    public static ChildSpec childSpec(String name, Supplier<PaymentGateway> connect, TaskSupervisor tasks) {
        return ChildSpec.worker(name, () -> GenServer.startLink(new GatewayAdapter(connect, tasks), StartOptions.named(name)));
    }

    /**
     * The provider as seen through the adapter registered as {@code name}: each operation a call
     * that waits at most {@code timeout}. Thread-safe; blocks the calling process.
     */
    public static PaymentGateway client(String name, Duration timeout) {
        return new Client(name, timeout);
    }

    @Override
    public InitResult<PaymentGateway> init() {
        return new Ok<>(connect.get());
    }

    @Override
    public CallResult<PaymentGateway> handleCall(Object request, ReplyTo from, PaymentGateway gateway) {
        if (request instanceof Perform(var operation)) {
            tasks.startChild(() -> GenServer.reply(from, perform(gateway, operation)));
            return new NoReply<>(gateway);
        }
        return GenServer.super.handleCall(request, from, gateway);
    }

    private static Object perform(PaymentGateway gateway, Object operation) {
        return switch (operation) {
            case ChargeRequest charge -> gateway.charge(charge);
            case RefundRequest refund -> gateway.refund(refund);
            case PayoutRequest payout -> gateway.payout(payout);
            case Lookup(var key) -> gateway.lookup(key);
            case CardOf(var token) -> gateway.cardFingerprint(token);
            default -> throw new IllegalArgumentException("not a gateway operation: " + operation.getClass().getName());
        };
    }

    /** The callers' side; see {@link #client}. */
    private record Client(String name, Duration timeout) implements PaymentGateway {
        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            return (ChargeOutcome) perform(request, request.idempotencyKey());
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            return (RefundOutcome) perform(request, request.idempotencyKey());
        }

        @Override
        public PayoutOutcome payout(PayoutRequest request) {
            return (PayoutOutcome) perform(request, request.idempotencyKey());
        }

        @Override
        public LookupResult lookup(String idempotencyKey) {
            GatewayRequests.requireKey(idempotencyKey);
            return (LookupResult) perform(new Lookup(idempotencyKey), idempotencyKey);
        }

        @Override
        public CardLookup cardFingerprint(String paymentToken) {
            GatewayRequests.requireReference(paymentToken, "paymentToken");
            // Logged as the operation, never as the token.
            return (CardLookup) perform(new CardOf(paymentToken), "card_lookup");
        }

        /** {@code logged}: the key, or what names the operation in the log where there is none. */
        private Object perform(Object operation, String logged) {
            try {
                return GenServer.call(name, new Perform(operation), timeout);
            } catch (ExitException e) {
                // Only the call's own failure is the adapter's; an exit of this process goes on up.
                if (!(e.reason() instanceof ExitReason.InCall(var why, var module, var function, var args))) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "event=gateway_adapter_unavailable key={0} reason={1}", logged, why);
                // Not reached: safe to send again. Crashed or silent meanwhile: it may have reached
                // the provider, which the retry with the same key (or a lookup) will tell.
                return why instanceof ExitReason.NoProc
                        ? new TransientFailure(TransientCause.UNREACHABLE, "the gateway adapter is not running")
                        : new TransientFailure(TransientCause.TIMEOUT, "the gateway adapter did not answer (" + why + ")");
            }
        }
    }
}
