package dev.amanah.donations.pipeline;

import dev.amanah.donations.http.ApiError;
import dev.amanah.otp.Down;
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
 * answered. Here the reply ({@link TaskReply}) answers the caller and drops the monitor; a task
 * that crashes instead answers its caller with {@code 500 PIPELINE_CRASHED} from its
 * {@link Down} (the donation is left in its last stored phase, for recovery).
 *
 * <p>The state (task ref to caller) is the server's alone. If the server dies, its callers' calls
 * fail at once (they monitor it) while the tasks, children of the task supervisor, run on and
 * store their outcomes: a retry with the same key gets the stored answer.
 */
public final class DonationProcessor implements GenServer<Map<Ref, ReplyTo>> {
    /** The registered name. */
    public static final String NAME = "donations.processor";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.pipeline");

    record Process(DonationRequest request) {
    }

    private final TaskSupervisor tasks;
    private final DonationPipeline pipeline;

    private DonationProcessor(TaskSupervisor tasks, DonationPipeline pipeline) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /** The processor as a permanent worker of a supervisor, registered as {@link #NAME}. */
    public static ChildSpec childSpec(TaskSupervisor tasks, DonationPipeline pipeline) {
        return ChildSpec.worker(NAME, () -> startLink(tasks, pipeline));
    }

    static StartResult startLink(TaskSupervisor tasks, DonationPipeline pipeline) {
        return GenServer.startLink(new DonationProcessor(tasks, pipeline), StartOptions.named(NAME));
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
    public InitResult<Map<Ref, ReplyTo>> init() {
        return new Ok<>(new HashMap<>());
    }

    @Override
    public CallResult<Map<Ref, ReplyTo>> handleCall(Object request, ReplyTo from, Map<Ref, ReplyTo> waiting) {
        if (request instanceof Process(var donation)) {
            var task = tasks.asyncNolink(() -> pipeline.run(donation));
            waiting.put(task.ref(), from);
            return new NoReply<>(waiting);
        }
        return GenServer.super.handleCall(request, from, waiting);
    }

    @Override
    public Result<Map<Ref, ReplyTo>> handleInfo(Object message, Map<Ref, ReplyTo> waiting) {
        switch (message) {
            case TaskReply<?>(var ref, var answer) when waiting.containsKey(ref) -> {
                Processes.demonitor(ref, true);
                GenServer.reply(waiting.remove(ref), answer);
            }
            case Down(var ref, var pid, var reason) when waiting.containsKey(ref) -> {
                LOG.log(System.Logger.Level.ERROR, "event=pipeline_crashed task=" + pid + " reason=" + reason);
                GenServer.reply(waiting.remove(ref), Answer.transientError(new ApiError(500, "PIPELINE_CRASHED",
                        "Processing failed unexpectedly; retry with the same Idempotency-Key", null)));
            }
            default -> {
                return GenServer.super.handleInfo(message, waiting);
            }
        }
        return new NoReply<>(waiting);
    }
}
