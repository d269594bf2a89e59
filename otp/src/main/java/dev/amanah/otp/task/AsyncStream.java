package dev.amanah.otp.task;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessInfo;
import dev.amanah.otp.Processes;
import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.BaseStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The consumer side of an async stream: a sequential {@link Spliterator} that pulls input
 * elements lazily, starts a task for each while fewer than {@code maxConcurrency} are in flight,
 * and emits the results.
 *
 * <p>Costs: a linked stream ({@link Task#asyncStream}) starts each element's {@link StreamTask}
 * itself and gets its result straight back through the {@link StreamChannel}: one hand-off per
 * element, and the {@link StreamMonitor} hears of the element only if its task ends without a
 * result or overruns its timeout. (Asking the monitor to start each task and hearing from it of
 * each end took two more hand-offs between processes per element, which cost more than half of
 * the stream's time with trivial tasks.) A supervised stream asks the monitor, which starts the
 * task under the supervisor and learns of its end: two messages and one hand-off per element.
 * Nothing scans. In ordered mode the window of started-but-unemitted elements is an
 * {@link ArrayDeque} in input order, and a result is emitted when the head of the window is
 * finished.
 *
 * <p>Concurrency: an element counts against {@code maxConcurrency} from its start until its
 * result is taken (emitted, when ordered) <em>and</em> its task is dead. Every slot reaches the
 * consumer only once its task is dead (a linked task's result is handed over by its exit hook,
 * the others by the monitor after the task's end), so taking the result frees the place at once.
 *
 * <p>Closing: {@link #close()} (the stream's close handler) stops the monitor, which kills the
 * tasks still running, and waits for it to end. A {@link Cleaner} sends the same stop when an
 * unclosed stream becomes unreachable: short-circuiting operations cannot announce that they are
 * done, so that is the only other way to learn it.
 */
final class AsyncStream<O> implements Spliterator<TaskResult<O>> {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Supplier<? extends Iterator<?>> source;
    private final TaskFunction<?, ?> fn;
    private final StreamOptions options;
    private final TaskSpawner spawner;
    private final StreamChannel channel;
    /** Ordered: started and not yet emitted, in input order. Unordered: finished, not yet emitted. */
    private final ArrayDeque<StreamSlot> window = new ArrayDeque<>();
    private List<Pid> callers;
    private Iterator<?> input;
    private Pid owner;
    private Pid monitor;
    private Cleaner.Cleanable stopper;
    private int inFlight;
    private boolean inputDone;
    private boolean monitorEnded;

    private AsyncStream(Supplier<? extends Iterator<?>> source, TaskFunction<?, ?> fn, StreamOptions options,
                        TaskSpawner spawner) {
        this.source = source;
        this.fn = fn;
        this.options = options;
        this.spawner = spawner;
        this.channel = new StreamChannel(options.maxConcurrency());
    }

    static <O> Stream<TaskResult<O>> create(Supplier<? extends Iterator<?>> source, BaseStream<?, ?> inputStream,
                                            TaskFunction<?, ? extends O> fn, StreamOptions options,
                                            TaskSpawner spawner) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(options, "options");
        var spliterator = new AsyncStream<O>(source, fn, options, spawner);
        var stream = StreamSupport.stream(spliterator, false).onClose(spliterator::close);
        return inputStream == null ? stream : stream.onClose(inputStream::close);
    }

    @Override
    public boolean tryAdvance(Consumer<? super TaskResult<O>> action) {
        if (channel.closed) {
            return false;
        }
        start();
        for (;;) {
            fill();
            var ready = nextReady();
            if (ready != null) {
                action.accept(result(ready));
                return true;
            }
            if (inFlight == 0) { // no result is still to come
                close();
                return false;
            }
            handle(take());
        }
    }

    private void start() {
        var self = Processes.self();
        if (owner == null) {
            owner = self;
            input = source.get();
            boolean traps = Processes.info(self).map(ProcessInfo::trapExit).orElse(false);
            callers = Callers.forChildOf(self);
            var body = new StreamMonitor(self, traps, callers, options, fn, spawner, channel);
            monitor = spawner.linked() ? Processes.spawnLink(body) : Processes.spawn(body);
            stopper = CLEANER.register(this, new Stopper(monitor));
            if (spawner.linked()) {
                awaitMonitorReady();
            }
        } else if (self != owner) {
            throw new IllegalArgumentException("an async stream is consumed by the process that started"
                    + " consuming it, " + owner + ", not by " + self);
        }
    }

    @SuppressWarnings("unchecked")
    private void fill() {
        for (;;) {
            if (inFlight >= options.maxConcurrency() || inputDone) {
                return;
            }
            if (!input.hasNext()) {
                inputDone = true;
                return;
            }
            var slot = new StreamSlot(input.next());
            inFlight++;
            if (options.ordered()) {
                window.addLast(slot);
            }
            if (spawner.linked()) {
                channel.ring.add(slot);
                slot.pid = Processes.spawn(new StreamTask(slot, monitor, channel, (TaskFunction<Object, ?>) fn,
                        callers, options.timeout()));
            } else {
                monitor.send(new StreamMonitor.SpawnItem(slot));
            }
        }
    }

    /** The consumer has taken {@code slot}'s result, and its task is dead: its place is free. */
    private void release() {
        inFlight--;
    }

    private StreamSlot nextReady() {
        if (!options.ordered()) {
            return window.pollFirst();
        }
        var head = window.peekFirst();
        if (head == null || head.outcome == null) {
            return null;
        }
        release();
        return window.pollFirst();
    }

    @SuppressWarnings("unchecked")
    private TaskResult<O> result(StreamSlot slot) {
        var outcome = (TaskResult<O>) slot.outcome;
        if (options.zipInputOnExit() && outcome instanceof TaskResult.Exit<O>(var reason)) {
            return new TaskResult.Exit<>(ExitReason.of(new ZippedExit(slot.input, reason)));
        }
        return outcome;
    }

    private void handle(Object event) {
        switch (event) {
            case StreamSlot slot -> {
                if (spawner.linked()) {
                    channel.ring.remove(slot); // its task is dead
                }
                if (!options.ordered()) {
                    window.addLast(slot);
                    release();
                }
            }
            case StreamMonitor.TimedOut timedOut -> {
                close();
                throw Task.failure(ExitReason.TIMEOUT, "asyncStream", List.of(options.timeout()));
            }
            case StreamMonitor.Ended(var reason) -> {
                // Not asked to stop: the owner is dying through the link, or someone killed the
                // monitor. Either way the stream cannot go on.
                monitorEnded = true;
                channel.closed = true;
                Processes.checkExit();
                throw new ExitException(reason);
            }
            default -> throw new IllegalStateException("unexpected stream event " + event);
        }
    }

    /** Waits until the monitor traps exits: the tasks this consumer starts link to it. */
    private void awaitMonitorReady() {
        for (Object event; !((event = take()) instanceof StreamMonitor.Ready); ) {
            handle(event); // only its end can come first: that throws
        }
    }

    /** The next event from the monitor; an exit signal to the owner interrupts the wait. */
    private Object take() {
        for (;;) {
            Processes.checkExit();
            try {
                return channel.inbox.take();
            } catch (InterruptedException e) {
                // An exit signal, which checkExit turns into the owner's exit, or a stray interrupt.
            }
        }
    }

    /**
     * Stops the stream: no more tasks start, the running ones are killed, and this returns once
     * the monitor has ended. Idempotent; callable from any thread.
     */
    void close() {
        channel.closed = true;
        if (stopper == null || monitorEnded) {
            return;
        }
        stopper.clean(); // runs the Stopper at most once, whoever calls first
        boolean interrupted = false;
        while (!monitorEnded) {
            try {
                monitorEnded = channel.inbox.take() instanceof StreamMonitor.Ended;
            } catch (InterruptedException e) {
                interrupted = true; // the monitor ends promptly whatever happens to us: keep waiting
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Spliterator<TaskResult<O>> trySplit() {
        return null;
    }

    @Override
    public long estimateSize() {
        return Long.MAX_VALUE;
    }

    @Override
    public int characteristics() {
        return options.ordered() ? ORDERED | NONNULL : NONNULL;
    }

    /** The cleaning action: must not refer to the stream, or it would never become unreachable. */
    private record Stopper(Pid monitor) implements Runnable {
        @Override
        public void run() {
            Processes.send(monitor, StreamMonitor.STOP);
        }
    }
}
