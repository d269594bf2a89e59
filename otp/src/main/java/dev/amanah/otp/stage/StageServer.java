package dev.amanah.otp.stage;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Name;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process of a stage of any kind: a {@code GenServer} whose state is this object. The producing
 * side (producers, producer-consumers) keeps its subscribers in a {@link Dispatcher} and a bounded
 * buffer; the consuming side (consumers, producer-consumers) keeps one {@link Upstream} per
 * subscription and, for a producer-consumer, a queue of batches waiting for downstream demand.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
final class StageServer implements GenServer<StageServer> {
    private static final System.Logger LOG = System.getLogger("dev.amanah.otp.stage");

    /** A consumer of this stage: who, and the monitor on it. */
    private record Downstream(Pid consumer, Ref monitor) {
    }

    /** In a producer-consumer's queue, after the batches of an upstream that ended. */
    private record Ended(Ref ref, Cancellation cancellation) {
    }

    /** Unwinds a callback chain when a callback asked to stop. */
    private static final class Stopping extends RuntimeException {
        final ExitReason reason;

        Stopping(ExitReason reason) {
            super(reason.toString(), null, false, false);
            this.reason = reason;
        }
    }

    private final Stage stage;
    private final StageOptions options;
    private Pid self;
    private Object state;

    // producing side
    private Dispatcher dispatcher;
    private final Map<Ref, Downstream> consumers = new HashMap<>();
    private final Map<Ref, Ref> consumerByMonitor = new HashMap<>();
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private int bufferSize;
    private StageOptions.DemandMode demandMode;
    /** Demand held back while accumulating. */
    private long accumulated;

    // consuming side
    private final Map<Ref, Upstream> producers = new HashMap<>();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();

    StageServer(Stage stage, StageOptions options) {
        this.stage = stage;
        this.options = options;
    }

    private boolean producing() {
        return !(stage instanceof Consumer);
    }

    private boolean consuming() {
        return !(stage instanceof Producer);
    }

    @Override
    public InitResult<StageServer> init() {
        self = Processes.self();
        state = switch (stage) {
            case Producer p -> p.init();
            case ProducerConsumer pc -> pc.init();
            case Consumer c -> c.init();
        };
        if (producing()) {
            dispatcher = Dispatcher.of(options.dispatch());
            demandMode = options.demand();
            bufferSize = options.bufferSize().orElse(stage instanceof Producer
                    ? StageOptions.DEFAULT_BUFFER_SIZE : Integer.MAX_VALUE);
        }
        for (var to : options.subscriptions()) {
            subscribe(to);
        }
        return new Ok<>(this);
    }

    @Override
    public CallResult<StageServer> handleCall(Object request, ReplyTo from, StageServer ignored) {
        if (request instanceof Protocol.SubscribeCall(var to)) {
            if (!consuming()) {
                return new Reply<>(new IllegalArgumentException("stage " + self
                        + " is a producer: only consumers and producer-consumers subscribe"), this);
            }
            try {
                return new Reply<>(subscribe(to), this);
            } catch (IllegalArgumentException e) {
                return new Reply<>(e, this);
            }
        }
        return GenServer.super.handleCall(request, from, this);
    }

    @Override
    public Result<StageServer> handleInfo(Object message, StageServer ignored) {
        try {
            switch (message) {
                case Protocol.Subscribe subscribe when producing() -> onSubscribe(subscribe);
                case Protocol.Subscribe subscribe ->
                        subscribe.consumer().send(new Protocol.Cancelled(subscribe.ref(), ExitReason.of("not_a_producer")));
                case Protocol.Ask ask when producing() -> onAsk(ask);
                case Protocol.Cancel cancel when producing() -> onCancel(cancel);
                case Protocol.Demand(var mode) when producing() -> {
                    demandMode = mode;
                    long held = accumulated;
                    accumulated = 0;
                    demanded(held);
                }
                case Protocol.Events events when consuming() -> onEvents(events);
                case Protocol.Cancelled cancelled when consuming() ->
                        upstreamEnded(cancelled.ref(), new Cancellation(Cancellation.Kind.CANCEL, cancelled.reason()));
                case Down down when consumerByMonitor.containsKey(down.ref()) -> onConsumerDown(down);
                case Down down when producers.containsKey(down.ref()) ->
                        upstreamEnded(down.ref(), new Cancellation(Cancellation.Kind.DOWN, down.reason()));
                default -> emit(outcome(switch (stage) {
                    case Producer p -> p.handleInfo(message, state);
                    case ProducerConsumer pc -> pc.handleInfo(message, state);
                    case Consumer c -> c.handleInfo(message, state);
                }));
            }
            return new NoReply<>(this);
        } catch (Stopping stop) {
            return new Stop<>(stop.reason, this);
        }
    }

    @Override
    public void terminate(ExitReason reason, StageServer ignored) {
        switch (stage) {
            case Producer p -> p.terminate(reason, state);
            case ProducerConsumer pc -> pc.terminate(reason, state);
            case Consumer c -> c.terminate(reason, state);
        }
    }

    static void logUnexpected(Object message) {
        LOG.log(Level.ERROR, "stage " + Processes.self() + " received an unexpected message in handleInfo: " + message);
    }

    // ---- callback results ----

    /** Applies a callback's result: keeps its state and returns its events, or unwinds to stop. */
    private List<?> outcome(Stage.Result result) {
        return switch (result) {
            case Stage.Emit emit -> {
                state = emit.state();
                if (!emit.events().isEmpty() && !producing()) {
                    throw new IllegalStateException("consumer " + self + " (" + stage.getClass().getName()
                            + ") returned events; a consumer cannot emit");
                }
                yield emit.events();
            }
            case Stage.Stop stop -> {
                state = stop.state();
                throw new Stopping(stop.reason());
            }
            case null -> throw new IllegalStateException(stage.getClass().getName() + " returned null");
        };
    }

    // ---- producing side ----

    private void onSubscribe(Protocol.Subscribe subscribe) {
        if (consumers.containsKey(subscribe.ref())) {
            return;
        }
        var monitor = Processes.monitor(subscribe.consumer());
        consumers.put(subscribe.ref(), new Downstream(subscribe.consumer(), monitor));
        consumerByMonitor.put(monitor, subscribe.ref());
        demanded(dispatcher.subscribe(subscribe.ref(), subscribe.consumer()));
    }

    private void onAsk(Protocol.Ask ask) {
        if (consumers.containsKey(ask.ref()) && ask.demand() > 0) {
            demanded(dispatcher.ask(ask.ref(), ask.demand()));
        }
    }

    private void onCancel(Protocol.Cancel cancel) {
        var downstream = consumers.remove(cancel.ref());
        if (downstream == null) {
            return;
        }
        consumerByMonitor.remove(downstream.monitor());
        Processes.demonitor(downstream.monitor(), true);
        downstream.consumer().send(new Protocol.Cancelled(cancel.ref(), cancel.reason()));
        downstreamEnded(cancel.ref(), downstream, new Cancellation(Cancellation.Kind.CANCEL, cancel.reason()));
    }

    private void onConsumerDown(Down down) {
        var ref = consumerByMonitor.remove(down.ref());
        var downstream = consumers.remove(ref);
        downstreamEnded(ref, downstream, new Cancellation(Cancellation.Kind.DOWN, down.reason()));
    }

    private void downstreamEnded(Ref ref, Downstream downstream, Cancellation cancellation) {
        long released = dispatcher.cancel(ref);
        var subscription = new Subscription(self, downstream.consumer(), ref);
        emit(outcome(switch (stage) {
            case Producer p -> p.handleCancel(cancellation, subscription, state);
            case ProducerConsumer pc -> pc.handleCancel(cancellation, subscription, state);
            case Consumer c -> throw new IllegalStateException("a consumer has no consumers");
        }));
        demanded(released);
    }

    /**
     * The dispatcher has {@code demand} more to act on: the buffer goes first, then a producer's
     * {@code handleDemand} gets the rest; a producer-consumer handles queued upstream batches.
     */
    private void demanded(long demand) {
        int fromBuffer = flushBuffer();
        if (stage instanceof Producer producer) {
            long rest = demand - fromBuffer;
            if (rest > 0 && demandMode == StageOptions.DemandMode.ACCUMULATE) {
                accumulated += rest;
            } else if (rest > 0) {
                emit(outcome(producer.handleDemand(rest, state)));
            }
        } else {
            drain();
        }
    }

    /** Sends buffered events, oldest first, as far as the demand goes; returns how many. */
    private int flushBuffer() {
        if (buffer.isEmpty()) {
            return 0;
        }
        int now = (int) Math.min(dispatcher.available(), buffer.size());
        if (now == 0) {
            return 0;
        }
        var events = new ArrayList<>(now);
        for (int i = 0; i < now; i++) {
            events.add(buffer.pollFirst());
        }
        dispatcher.dispatch(events);
        return now;
    }

    /** Sends {@code events} downstream within the demand, after anything buffered; buffers the rest. */
    private void emit(List<?> events) {
        if (events.isEmpty()) {
            return;
        }
        int sent = buffer.isEmpty() ? dispatcher.dispatch(events) : 0;
        if (sent < events.size()) {
            keep(events.subList(sent, events.size()));
            flushBuffer();
        }
    }

    private void keep(List<?> events) {
        int dropped = 0;
        for (var event : events) {
            if (buffer.size() < bufferSize) {
                buffer.addLast(event);
            } else if (options.bufferKeep() == StageOptions.BufferKeep.LAST && bufferSize > 0) {
                buffer.pollFirst();
                buffer.addLast(event);
                dropped++;
            } else {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.log(Level.WARNING, "stage " + self + " dropped " + dropped + " events: its buffer of "
                    + bufferSize + " is full (keeping the " + (options.bufferKeep() == StageOptions.BufferKeep.LAST
                    ? "newest" : "oldest") + ")");
        }
    }

    // ---- consuming side ----

    private Subscription subscribe(SubscribeTo to) {
        Pid producer = switch (to.producer()) {
            case Pid pid -> pid;
            case Name name -> name.whereis().orElseThrow(
                    () -> new IllegalArgumentException("no producer is registered as " + name));
            default -> throw new IllegalArgumentException("not a producer: " + to.producer());
        };
        var ref = Processes.monitor(producer);
        var subscription = new Subscription(producer, self, ref);
        producers.put(ref, new Upstream(subscription, to));
        producer.send(new Protocol.Subscribe(self, ref));
        producer.send(new Protocol.Ask(ref, to.maxDemand()));
        return subscription;
    }

    private void onEvents(Protocol.Events events) {
        var upstream = producers.get(events.ref());
        if (upstream == null) {
            return; // cancelled meanwhile
        }
        var batches = upstream.split(events.events());
        if (stage instanceof Consumer consumer) {
            for (var batch : batches) {
                outcome(consumer.handleEvents(batch.events(), upstream.subscription, state));
                ask(upstream, batch.ask());
            }
        } else {
            queue.addAll(batches);
            drain();
        }
    }

    private void ask(Upstream upstream, long demand) {
        if (demand > 0 && producers.containsKey(upstream.subscription.ref())) {
            upstream.producer().send(new Protocol.Ask(upstream.subscription.ref(), demand));
        }
    }

    private void upstreamEnded(Ref ref, Cancellation cancellation) {
        if (stage instanceof ProducerConsumer) {
            queue.addLast(new Ended(ref, cancellation)); // after the batches it sent before it ended
            drain();
        } else {
            endUpstream(ref, cancellation);
        }
    }

    /**
     * A producer-consumer handles queued batches while its consumers have demand, and ends in order.
     * An upstream's end is acted on only once everything emitted before it has left the buffer: its
     * cancel mode may stop the stage, and whatever is still buffered then would be lost (GenStage
     * likewise takes a queued cancellation only when demand is left over after its buffer).
     */
    private void drain() {
        var pc = (ProducerConsumer) stage;
        while (!queue.isEmpty()) {
            flushBuffer();
            if (queue.peekFirst() instanceof Ended ended) {
                if (!buffer.isEmpty()) {
                    return;
                }
                queue.pollFirst();
                endUpstream(ended.ref(), ended.cancellation());
                continue;
            }
            if (!buffer.isEmpty() || dispatcher.available() == 0) {
                return;
            }
            var batch = (Upstream.Batch) queue.pollFirst();
            var upstream = producers.get(batch.ref());
            emit(outcome(pc.handleEvents(batch.events(), upstream.subscription, state)));
            ask(upstream, batch.ask());
        }
    }

    private void endUpstream(Ref ref, Cancellation cancellation) {
        var upstream = producers.remove(ref);
        if (upstream == null) {
            return;
        }
        Processes.demonitor(ref, true);
        var result = switch (stage) {
            case ProducerConsumer pc -> pc.handleCancel(cancellation, upstream.subscription, state);
            case Consumer c -> c.handleCancel(cancellation, upstream.subscription, state);
            case Producer p -> throw new IllegalStateException("a producer has no producers");
        };
        emit(outcome(result));
        var reason = cancellation.reason();
        switch (upstream.options.cancel()) {
            case PERMANENT -> throw new Stopping(reason);
            case TRANSIENT -> {
                if (!reason.isGraceful()) {
                    throw new Stopping(reason);
                }
            }
            case TEMPORARY -> {
            }
        }
    }
}
