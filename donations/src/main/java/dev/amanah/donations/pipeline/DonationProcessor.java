package dev.amanah.donations.pipeline;

import dev.amanah.otp.Down;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.task.TaskReply;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The seed's {@code RealtimeProcessor}, done properly: a server that takes donation requests as
 * calls and runs each one's {@link DonationPipeline} as a task under the {@link TaskSupervisor},
 * so requests run concurrently and the server is never busy for longer than it takes to start a
 * task.
 *
 * <p>What the seed got wrong, and this does not: it demonitored-and-flushed on the task's reply
 * but replied only on the {@code DOWN} (which the flush had removed), so no caller was ever
 * answered. Here the reply ({@link TaskReply}) answers the caller and drops the monitor.
 *
 * <p>A pipeline that crashes is learnt of from its {@link Down}. If it had not claimed its key
 * (the task reports the claim's commit to this server before going on), its caller gets a
 * transient {@code 500 PROCESSING_FAILED} and a retry starts afresh. If it had, the key would stay
 * in flight (409 to every retry) until the next start's recovery, so its donation is settled at
 * once as recovery would ({@link DonationSettlement}, as a task) and the caller gets the settled
 * answer: for a donation never charged a stored {@code 503 PIPELINE_CRASHED}, replayed to any
 * retry; for one the fraud check had held for review, the 202 (it stays held for staff). If
 * settling fails too (the database still down) or the provider cannot say whether it charged, the
 * caller gets a transient error and the settlement is retried with backoff by a child of the task
 * supervisor until it succeeds; meanwhile retries of the key get 409.
 *
 * <p><b>Admission control</b>: at most {@code maxInFlight} pipelines (and settlements of crashed
 * ones) run at once. A request beyond that waits in this server's queue, in arrival order, and is
 * started when a place frees; one that waited {@code admissionWait} without a place is answered
 * {@code 503 OVERLOADED} (transient, not stored: retry the same key after the {@code Retry-After}
 * the HTTP layer adds), and nothing was claimed or written for it. So the requests queue here,
 * not their transactions in the database, and the database sees a bounded load whatever the
 * number of callers.
 *
 * <p>The state (task ref to caller, the queue) is the server's alone. If the server dies, its callers' calls
 * fail at once (they monitor it) while the tasks, children of the task supervisor, run on and
 * store their outcomes: a retry with the same key gets the stored answer. (A pipeline that then
 * crashes too has nobody to settle it: the next start's recovery does.)
 */
public final class DonationProcessor implements GenServer<DonationProcessor.State> {
    /** The registered name. */
    public static final String NAME = "donations.processor";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.pipeline");

    record Process(DonationRequest request) {
    }

    /** From a pipeline task: the claim of its key committed. */
    record Claimed(Pid task) {
    }

    /** Cast by {@link #settleLater}: settle the donation of {@code key} in the background. */
    record SettleLater(String key, DonationSettlement.Interruption interruption) {
    }

    /** To itself: the queued request {@code ticket} has waited its admission bound. */
    record AdmissionExpired(long ticket) {
    }

    /** A request waiting for a place. */
    record Queued(ReplyTo from, DonationRequest request) {
    }

    /** The server's state: the running pipelines (and settlements) by task ref, and the queue by ticket, oldest first. */
    static final class State {
        final Map<Ref, Waiting> running = new HashMap<>();
        final LinkedHashMap<Long, Queued> queued = new LinkedHashMap<>();
        long nextTicket;
    }

    /** A caller waiting for its answer, and the task that will give it. */
    sealed interface Waiting {
        ReplyTo from();

        String key();
    }

    /** The pipeline task {@code task} runs; {@code claimed} once it reported its claim. */
    record Running(ReplyTo from, String key, Pid task, boolean claimed) implements Waiting {
    }

    /** The pipeline crashed after its claim; a task settles its donation. */
    record Settling(ReplyTo from, String key) implements Waiting {
    }

    /** How many donations run at once when nothing else is said, and how long a request waits for a place. */
    static final Admission DEFAULT_ADMISSION = new Admission(64, Duration.ofSeconds(10));

    /**
     * Admission control: at most {@code maxInFlight} pipelines at once; a request waits at most
     * {@code maxWait} for a place.
     */
    public record Admission(int maxInFlight, Duration maxWait) {
        /** @throws IllegalArgumentException for a non-positive bound or wait */
        public Admission {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxInFlight < 1 || maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxInFlight and wait must be positive: " + maxInFlight + ", " + maxWait);
            }
        }
    }

    private final TaskSupervisor tasks;
    private final DonationPipeline pipeline;
    private final DonationSettlement settlement;
    private final Admission admission;

    private DonationProcessor(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement,
                              Admission admission) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.settlement = Objects.requireNonNull(settlement, "settlement");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    /**
     * The processor as a permanent worker of a supervisor, registered as {@link #NAME}; the
     * donations of crashed pipelines are settled with {@code settlement}; the default admission
     * (64 at once, 10 s wait).
     */
    public static ChildSpec childSpec(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement) {
        return childSpec(tasks, pipeline, settlement, DEFAULT_ADMISSION);
    }

    /** As {@link #childSpec(TaskSupervisor, DonationPipeline, DonationSettlement)} with this admission control. */
    public static ChildSpec childSpec(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement,
                                      Admission admission) {
        return ChildSpec.worker(NAME, () -> startLink(tasks, pipeline, settlement, admission));
    }

    static StartResult startLink(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement) {
        return startLink(tasks, pipeline, settlement, DEFAULT_ADMISSION);
    }

    static StartResult startLink(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement,
                                 Admission admission) {
        return GenServer.startLink(new DonationProcessor(tasks, pipeline, settlement, admission), StartOptions.named(NAME));
    }

    /**
     * Processes a donation and returns its answer; blocks up to {@code timeout} (which includes
     * the wait for admission: see the class comment; a request not admitted in time is answered
     * {@code 503 OVERLOADED}).
     *
     * @throws dev.amanah.otp.ExitException {@code InCall(timeout | noproc | reason, ...)} if no
     *                                      answer came in time or the processor is not running; the
     *                                      pipeline, if it started, runs on and stores its answer
     */
    public static Answer process(DonationRequest request, Duration timeout) {
        return GenServer.call(NAME, new Process(request), timeout);
    }

    /**
     * Has the processor settle the donation of {@code idempotencyKey} in the background, as it
     * does a crashed pipeline's whose provider could not be asked: {@link DonationSettlement#settleUntilDone}
     * in a child of the task supervisor. For a {@code VALIDATED} donation whose charge and lookup
     * both got no definite answer, so that its key gets its final answer once the provider answers
     * again, not at the next start. Only once its charge has returned: a settlement beside a live
     * charge would race it. Returns at once; dropped if no processor runs (start-up recovery
     * settles the donation then).
     */
    static void settleLater(String idempotencyKey, DonationSettlement.Interruption interruption) {
        GenServer.cast(NAME, new SettleLater(idempotencyKey, interruption));
    }

    @Override
    public Result<State> handleCast(Object request, State state) {
        if (request instanceof SettleLater(var key, var interruption)) {
            LOG.log(System.Logger.Level.WARNING, "event=payment_pending key=" + key + " next=settle_in_background");
            settleInBackground(key, interruption);
            return new NoReply<>(state);
        }
        return GenServer.super.handleCast(request, state);
    }

    @Override
    public InitResult<State> init() {
        return new Ok<>(new State());
    }

    @Override
    public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
        if (request instanceof Process(var donation)) {
            if (state.running.size() < admission.maxInFlight() && state.queued.isEmpty()) {
                start(from, donation, state);
            } else {
                long ticket = state.nextTicket++;
                state.queued.put(ticket, new Queued(from, donation));
                Processes.sendAfter(Processes.self(), new AdmissionExpired(ticket), admission.maxWait());
            }
            return new NoReply<>(state);
        }
        return GenServer.super.handleCall(request, from, state);
    }

    private void start(ReplyTo from, DonationRequest donation, State state) {
        var processor = Processes.self();
        var task = tasks.asyncNolink(() -> pipeline.run(donation,
                () -> Processes.send(processor, new Claimed(Processes.self()))));
        state.running.put(task.ref(), new Running(from, donation.idempotencyKey(), task.pid().orElseThrow(), false));
    }

    /** Starts queued requests, oldest first, while there are places. */
    private void admit(State state) {
        for (Iterator<Queued> next = state.queued.values().iterator();
             next.hasNext() && state.running.size() < admission.maxInFlight(); ) {
            var queued = next.next();
            next.remove();
            start(queued.from(), queued.request(), state);
        }
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        var waiting = state.running;
        switch (message) {
            case AdmissionExpired(var ticket) -> {
                var expired = state.queued.remove(ticket);
                if (expired != null) {
                    GenServer.reply(expired.from(), Answers.overloaded());
                }
            }
            case Claimed(var task) -> waiting.replaceAll((ref, entry) ->
                    entry instanceof Running running && running.task().equals(task)
                            ? new Running(running.from(), running.key(), task, true) : entry);
            case TaskReply<?>(var ref, var answer) when waiting.get(ref) instanceof Running running -> {
                Processes.demonitor(ref, true);
                waiting.remove(ref);
                GenServer.reply(running.from(), answer);
            }
            case TaskReply<?>(var ref, DonationSettlement.Settled settled) when waiting.get(ref) instanceof Settling settling -> {
                Processes.demonitor(ref, true);
                waiting.remove(ref);
                GenServer.reply(settling.from(), settled.answer());
                if (settled.outcome() == DonationSettlement.Outcome.PENDING) {
                    settleInBackground(settling.key(), DonationSettlement.Interruption.CRASH);
                }
            }
            case Down(var ref, var pid, var reason) when waiting.get(ref) instanceof Running running -> {
                waiting.remove(ref);
                LOG.log(System.Logger.Level.ERROR, "event=pipeline_crashed task=" + pid + " key=" + running.key()
                        + " claimed=" + running.claimed() + " reason=" + reason);
                if (running.claimed()) {
                    var settle = tasks.asyncNolink(() -> settlement.settleKey(running.key(),
                            DonationSettlement.Interruption.CRASH));
                    waiting.put(settle.ref(), new Settling(running.from(), running.key()));
                } else {
                    GenServer.reply(running.from(), DonationSettlement.retryTheKey());
                }
            }
            case Down(var ref, var pid, var reason) when waiting.get(ref) instanceof Settling settling -> {
                waiting.remove(ref);
                LOG.log(System.Logger.Level.ERROR, "event=settle_failed key=" + settling.key() + " reason=" + reason);
                GenServer.reply(settling.from(), DonationSettlement.retryTheKey());
                settleInBackground(settling.key(), DonationSettlement.Interruption.CRASH);
            }
            default -> {
                return GenServer.super.handleInfo(message, state);
            }
        }
        admit(state);
        return new NoReply<>(state);
    }

    /** Retries the settlement with backoff in a child of the task supervisor, until it is done. */
    private void settleInBackground(String key, DonationSettlement.Interruption interruption) {
        tasks.startChild(() -> settlement.settleUntilDone(key, interruption));
    }
}
