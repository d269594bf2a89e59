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
 * transient {@code 500 PIPELINE_CRASHED} and a retry starts afresh. If it had, the key would stay
 * in flight (409 to every retry) until the next start's recovery, so its donation is settled at
 * once as recovery would ({@link DonationSettlement}, as a task) and the caller gets the settled
 * answer: for a donation never charged a stored {@code 503 PIPELINE_CRASHED}, replayed to any
 * retry. If settling fails too (the database still down) or the provider cannot say whether it
 * charged, the caller gets a transient error and the settlement is retried with backoff by a
 * child of the task supervisor until it succeeds; meanwhile retries of the key get 409.
 *
 * <p>The state (task ref to caller) is the server's alone. If the server dies, its callers' calls
 * fail at once (they monitor it) while the tasks, children of the task supervisor, run on and
 * store their outcomes: a retry with the same key gets the stored answer. (A pipeline that then
 * crashes too has nobody to settle it: the next start's recovery does.)
 */
public final class DonationProcessor implements GenServer<Map<Ref, DonationProcessor.Waiting>> {
    /** The registered name. */
    public static final String NAME = "donations.processor";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.pipeline");

    record Process(DonationRequest request) {
    }

    /** From a pipeline task: the claim of its key committed. */
    record Claimed(Pid task) {
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

    private final TaskSupervisor tasks;
    private final DonationPipeline pipeline;
    private final DonationSettlement settlement;

    private DonationProcessor(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.settlement = Objects.requireNonNull(settlement, "settlement");
    }

    /**
     * The processor as a permanent worker of a supervisor, registered as {@link #NAME}; the
     * donations of crashed pipelines are settled with {@code settlement}.
     */
    public static ChildSpec childSpec(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement) {
        return ChildSpec.worker(NAME, () -> startLink(tasks, pipeline, settlement));
    }

    static StartResult startLink(TaskSupervisor tasks, DonationPipeline pipeline, DonationSettlement settlement) {
        return GenServer.startLink(new DonationProcessor(tasks, pipeline, settlement), StartOptions.named(NAME));
    }

    /**
     * Processes a donation and returns its answer; blocks up to {@code timeout}.
     *
     * @throws dev.amanah.otp.ExitException {@code InCall(timeout | noproc | reason, ...)} if no
     *                                      answer came in time or the processor is not running; the
     *                                      pipeline, if it started, runs on and stores its answer
     */
    public static Answer process(DonationRequest request, Duration timeout) {
        return GenServer.call(NAME, new Process(request), timeout);
    }

    @Override
    public InitResult<Map<Ref, Waiting>> init() {
        return new Ok<>(new HashMap<>());
    }

    @Override
    public CallResult<Map<Ref, Waiting>> handleCall(Object request, ReplyTo from, Map<Ref, Waiting> waiting) {
        if (request instanceof Process(var donation)) {
            var processor = Processes.self();
            var task = tasks.asyncNolink(() -> pipeline.run(donation,
                    () -> Processes.send(processor, new Claimed(Processes.self()))));
            waiting.put(task.ref(), new Running(from, donation.idempotencyKey(), task.pid().orElseThrow(), false));
            return new NoReply<>(waiting);
        }
        return GenServer.super.handleCall(request, from, waiting);
    }

    @Override
    public Result<Map<Ref, Waiting>> handleInfo(Object message, Map<Ref, Waiting> waiting) {
        switch (message) {
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
                    settleInBackground(settling.key());
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
                settleInBackground(settling.key());
            }
            default -> {
                return GenServer.super.handleInfo(message, waiting);
            }
        }
        return new NoReply<>(waiting);
    }

    /** Retries the settlement with backoff in a child of the task supervisor, until it is done. */
    private void settleInBackground(String key) {
        tasks.startChild(() -> settlement.settleUntilDone(key, DonationSettlement.Interruption.CRASH));
    }
}
