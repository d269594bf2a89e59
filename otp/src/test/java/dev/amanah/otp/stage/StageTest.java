package dev.amanah.otp.stage;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class StageTest {
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(10);

    record Demanded(long demand) {
    }

    record Push(int count) {
    }

    record CancelSeen(String who, Cancellation cancellation) {
    }

    record Got(String who, List<?> events) {
    }

    /** Emits consecutive integers: exactly what is asked if {@code greedy} is 1, else that many times more. */
    record Counting(Pid probe, int greedy) implements Producer<Integer, Integer> {
        @Override
        public Integer init() {
            return 0;
        }

        @Override
        public Result<Integer, Integer> handleDemand(long demand, Integer next) {
            probe.send(new Demanded(demand));
            int count = (int) demand * greedy;
            return new Emit<>(IntStream.range(next, next + count).boxed().toList(), next + count);
        }
    }

    /** Emits only when pushed; reports demand and cancellations. */
    record Pushed(Pid probe) implements Producer<Integer, Integer> {
        @Override
        public Integer init() {
            return 0;
        }

        @Override
        public Result<Integer, Integer> handleDemand(long demand, Integer next) {
            probe.send(new Demanded(demand));
            return new Emit<>(next);
        }

        @Override
        public Result<Integer, Integer> handleInfo(Object message, Integer next) {
            if (message instanceof Push(var count)) {
                return new Emit<>(IntStream.range(next, next + count).boxed().toList(), next + count);
            }
            return Producer.super.handleInfo(message, next);
        }

        @Override
        public Result<Integer, Integer> handleCancel(Cancellation cancellation, Subscription subscription, Integer next) {
            probe.send(new CancelSeen("producer", cancellation));
            return new Emit<>(next);
        }
    }

    /** Forwards every batch and cancellation to the probe. */
    record Recording(String who, Pid probe) implements Consumer<Object, Integer> {
        @Override
        public Integer init() {
            return 0;
        }

        @Override
        public Result<Void, Integer> handleEvents(List<Object> events, Subscription from, Integer seen) {
            probe.send(new Got(who, List.copyOf(events)));
            return new Emit<>(seen + events.size());
        }

        @Override
        public Result<Void, Integer> handleCancel(Cancellation cancellation, Subscription subscription, Integer seen) {
            probe.send(new CancelSeen(who, cancellation));
            return new Emit<>(seen);
        }
    }

    // ---- a consumer speaking the protocol by hand, to count exactly what a producer sends ----

    private static Ref subscribe(Pid producer, long demand) {
        var ref = Processes.monitor(producer);
        producer.send(new Protocol.Subscribe(Processes.self(), ref));
        if (demand > 0) {
            producer.send(new Protocol.Ask(ref, demand));
        }
        return ref;
    }

    /** Receives exactly {@code count} events for {@code ref}, then checks that no more come. */
    private static List<Object> expectEvents(Ref ref, int count) {
        var events = new ArrayList<Object>();
        while (events.size() < count) {
            events.addAll(assertReceive(m -> m instanceof Protocol.Events e && e.ref() == ref ? e.events() : null));
        }
        assertThat(events).hasSize(count);
        refuteReceive(QUIET, m -> m instanceof Protocol.Events e && e.ref() == ref ? e : null);
        return events;
    }

    private static List<?> got() {
        return assertReceive(m -> m instanceof Got g ? g.events() : null);
    }

    private static Cancellation cancelSeen(String who) {
        return assertReceive(m -> m instanceof CancelSeen c && (who == null || c.who().equals(who)) ? c.cancellation() : null);
    }

    private static long demanded() {
        return assertReceive(m -> m instanceof Demanded d ? d.demand() : null);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static ExitReason awaitDown(Ref ref) {
        return assertReceive(m -> m instanceof Down d && d.ref() == ref ? d.reason() : null);
    }

    // ---- demand ----

    @Test
    void aProducerNeverSendsMoreThanItWasAsked() {
        var self = Processes.self();
        var producer = Stage.startLink(new Counting(self, 3)).orElseThrow(); // emits 3x the demand
        var ref = subscribe(producer, 10);
        assertThat(demanded()).isEqualTo(10);
        assertThat(expectEvents(ref, 10)).isEqualTo(range(0, 10));

        producer.send(new Protocol.Ask(ref, 15)); // served from the 20 buffered, no new demand
        assertThat(expectEvents(ref, 15)).isEqualTo(range(10, 25));
        refuteReceive(QUIET, m -> m instanceof Demanded ? m : null);

        producer.send(new Protocol.Ask(ref, 8)); // 5 left in the buffer, 3 more asked of the producer
        assertThat(expectEvents(ref, 8)).isEqualTo(range(25, 33));
        assertThat(demanded()).isEqualTo(3);
        Stage.stop(producer);
    }

    @Test
    void aConsumerAsksForMaxDemandThenRefillsInBatchesBelowMinDemand() {
        var self = Processes.self();
        var producer = Stage.startLink(new Counting(self, 1)).orElseThrow();
        var consumer = Stage.startLink(new Recording("c", self),
                StageOptions.subscribeTo(SubscribeTo.of(producer).withDemand(10, 6))).orElseThrow();
        assertThat(demanded()).isEqualTo(10);
        // 10 events arrive as batches of max - min = 4: 4, 4, 2; after the first batch 6 are awaited
        // (<= min): ask 4; after the second, 6 again: ask 4; after the third, 8: no ask.
        assertThat(got()).isEqualTo(range(0, 4));
        assertThat(got()).isEqualTo(range(4, 8));
        assertThat(got()).isEqualTo(range(8, 10));
        assertThat(demanded()).isEqualTo(4);
        Stage.stop(consumer);
        Stage.stop(producer);
    }

    @Test
    void theDemandDispatcherServesTheConsumerWithTheMostPendingDemand() {
        var self = Processes.self();
        var producer = Stage.startLink(new Pushed(self)).orElseThrow();
        var a = subscribe(producer, 5);
        var b = subscribe(producer, 10);
        assertThat(demanded() + demanded()).isEqualTo(15);

        producer.send(new Push(8)); // b has the most (10)
        assertThat(expectEvents(b, 8)).isEqualTo(range(0, 8));
        producer.send(new Push(4)); // a 5, b 2
        assertThat(expectEvents(a, 4)).isEqualTo(range(8, 12));
        producer.send(new Push(5)); // b 2, a 1, then 2 are buffered
        assertThat(expectEvents(b, 2)).isEqualTo(range(12, 14));
        assertThat(expectEvents(a, 1)).isEqualTo(range(14, 15));
        producer.send(new Protocol.Ask(a, 3)); // the buffer goes first
        assertThat(expectEvents(a, 2)).isEqualTo(range(15, 17));
        assertThat(demanded()).isEqualTo(1);
        Stage.stop(producer);
    }

    @Test
    void theBroadcastDispatcherSendsEveryEventToEveryConsumerAtTheSlowestPace() {
        var self = Processes.self();
        var producer = Stage.startLink(new Counting(self, 1),
                StageOptions.DEFAULT.withDispatcher(StageOptions.Dispatch.BROADCAST)).orElseThrow();
        var fast = subscribe(producer, 0);
        var slow = subscribe(producer, 0);
        producer.send(new Protocol.Ask(fast, 10));
        producer.send(new Protocol.Ask(slow, 3));
        assertThat(demanded()).isEqualTo(3);
        assertThat(expectEvents(fast, 3)).isEqualTo(range(0, 3));
        assertThat(expectEvents(slow, 3)).isEqualTo(range(0, 3));

        producer.send(new Protocol.Ask(slow, 5)); // fast still wants 7: both now want 5 more
        assertThat(demanded()).isEqualTo(5);
        assertThat(expectEvents(fast, 5)).isEqualTo(range(3, 8));
        assertThat(expectEvents(slow, 5)).isEqualTo(range(3, 8));

        var ref = Processes.monitor(producer);
        producer.send(new Protocol.Cancel(slow, ExitReason.NORMAL)); // fast's remaining 2 are released
        assertReceive(m -> m instanceof Protocol.Cancelled c && c.ref() == slow ? c : null);
        assertThat(demanded()).isEqualTo(2);
        assertThat(expectEvents(fast, 2)).isEqualTo(range(8, 10));
        Stage.stop(producer);
        awaitDown(ref);
    }

    @Test
    void aFullBufferKeepsTheNewestOrTheOldestEvents() {
        var self = Processes.self();
        var newest = Stage.startLink(new Pushed(self),
                StageOptions.DEFAULT.withBuffer(5, StageOptions.BufferKeep.LAST)).orElseThrow();
        newest.send(new Push(8));
        var a = subscribe(newest, 10);
        assertThat(expectEvents(a, 5)).isEqualTo(range(3, 8));

        var oldest = Stage.startLink(new Pushed(self),
                StageOptions.DEFAULT.withBuffer(5, StageOptions.BufferKeep.FIRST)).orElseThrow();
        oldest.send(new Push(8));
        var b = subscribe(oldest, 10);
        assertThat(expectEvents(b, 5)).isEqualTo(range(0, 5));
        Stage.stop(newest);
        Stage.stop(oldest);
    }

    @Test
    void anAccumulatingProducerHoldsItsDemandUntilToldToForwardIt() {
        var self = Processes.self();
        var producer = Stage.startLink(new Counting(self, 1),
                StageOptions.DEFAULT.withDemand(StageOptions.DemandMode.ACCUMULATE)).orElseThrow();
        var a = subscribe(producer, 10);
        var b = subscribe(producer, 5);
        refuteReceive(QUIET, m -> m instanceof Demanded ? m : null);
        Stage.demand(producer, StageOptions.DemandMode.FORWARD);
        assertThat(demanded()).isEqualTo(15);
        assertThat(expectEvents(a, 10)).isEqualTo(range(0, 10));
        assertThat(expectEvents(b, 5)).isEqualTo(range(10, 15));
        producer.send(new Protocol.Ask(b, 2)); // forwarding now: straight to handleDemand
        assertThat(demanded()).isEqualTo(2);
        Stage.stop(producer);
    }

    // ---- cancellation ----

    @Test
    void aConsumerThatDiesTakesItsSubscriptionAndDemandWithIt() {
        var self = Processes.self();
        var producer = Stage.startLink(new Pushed(self)).orElseThrow();
        var doomed = Processes.spawn(() -> {
            subscribe(producer, 10);
            Processes.receive();
        });
        var survivor = subscribe(producer, 10);
        assertThat(demanded() + demanded()).isEqualTo(20);
        Processes.exit(doomed, ExitReason.KILL);
        assertThat(cancelSeen(null))
                .isEqualTo(new Cancellation(Cancellation.Kind.DOWN, ExitReason.KILLED));

        producer.send(new Push(15)); // only the survivor's 10 can go; 5 wait in the buffer
        assertThat(expectEvents(survivor, 10)).isEqualTo(range(0, 10));
        producer.send(new Protocol.Ask(survivor, 10)); // the dead one's demand was acted on already
        assertThat(expectEvents(survivor, 5)).isEqualTo(range(10, 15));
        refuteReceive(QUIET, m -> m instanceof Demanded ? m : null);
        assertThat(producer.isAlive()).isTrue();
        Stage.stop(producer);
    }

    @Test
    void aProducerThatCrashesEndsPermanentAndTransientConsumersButNotTemporaryOnes() {
        Processes.trapExits(true);
        var self = Processes.self();
        var producer = Stage.startLink(new Pushed(self)).orElseThrow();
        var consumers = startEachCancelMode(self, producer);
        Processes.exit(producer, ExitReason.of("boom"));

        assertThat(awaitDown(consumers.get(0).ref)).isEqualTo(ExitReason.of("boom"));
        assertThat(awaitDown(consumers.get(1).ref)).isEqualTo(ExitReason.of("boom"));
        assertThat(cancelSeen("temporary"))
                .isEqualTo(new Cancellation(Cancellation.Kind.DOWN, ExitReason.of("boom")));
        refuteReceive(QUIET, m -> m instanceof Down d && d.ref() == consumers.get(2).ref ? d : null);
        Stage.stop(consumers.get(2).pid);
    }

    @Test
    void aProducerThatStopsNormallyEndsOnlyPermanentConsumers() {
        Processes.trapExits(true);
        var self = Processes.self();
        var producer = Stage.startLink(new Pushed(self)).orElseThrow();
        var consumers = startEachCancelMode(self, producer);
        Stage.stop(producer);

        assertThat(awaitDown(consumers.get(0).ref)).isEqualTo(ExitReason.NORMAL);
        assertThat(cancelSeen("transient"))
                .isEqualTo(new Cancellation(Cancellation.Kind.DOWN, ExitReason.NORMAL));
        assertReceive(m -> m instanceof CancelSeen c && c.who().equals("temporary") ? c : null);
        refuteReceive(QUIET, m -> m instanceof Down d && d.ref() != consumers.get(0).ref ? d : null);
        Stage.stop(consumers.get(1).pid);
        Stage.stop(consumers.get(2).pid);
    }

    private record Started(Pid pid, Ref ref) {
    }

    private static List<Started> startEachCancelMode(Pid self, Pid producer) {
        var started = new ArrayList<Started>();
        for (var mode : CancelMode.values()) {
            var pid = Stage.startLink(new Recording(mode.name().toLowerCase(), self),
                    StageOptions.subscribeTo(SubscribeTo.of(producer).withCancel(mode))).orElseThrow();
            started.add(new Started(pid, Processes.monitor(pid)));
        }
        for (int i = 0; i < 3; i++) {
            demanded();
        }
        return started;
    }

    @Test
    void cancelEndsASubscriptionOnBothSidesThenTheCancelModeDecides() {
        Processes.trapExits(true);
        var self = Processes.self();
        var producer = Stage.startLink(new Pushed(self)).orElseThrow();
        var consumer = Stage.startLink(new Recording("consumer", self), StageOptions.DEFAULT).orElseThrow();
        var consumerRef = Processes.monitor(consumer);
        var transientOne = Stage.subscribe(consumer, SubscribeTo.of(producer).withCancel(CancelMode.TRANSIENT));
        var permanentOne = Stage.subscribe(consumer, SubscribeTo.of(producer));
        assertThat(transientOne.consumer()).isEqualTo(consumer);
        assertThat(transientOne.producer()).isEqualTo(producer);
        demanded();
        demanded();

        Stage.cancel(transientOne, ExitReason.SHUTDOWN); // graceful: the consumer carries on
        assertThat(cancelSeen("producer"))
                .isEqualTo(new Cancellation(Cancellation.Kind.CANCEL, ExitReason.SHUTDOWN));
        assertThat(cancelSeen("consumer"))
                .isEqualTo(new Cancellation(Cancellation.Kind.CANCEL, ExitReason.SHUTDOWN));
        assertThat(consumer.isAlive()).isTrue();

        producer.send(new Push(3)); // only the remaining subscription gets events
        assertThat(got()).isEqualTo(range(0, 3));

        Stage.cancel(permanentOne, ExitReason.of("enough"));
        assertThat(awaitDown(consumerRef)).isEqualTo(ExitReason.of("enough"));
        assertThat(producer.isAlive()).isTrue();
        Stage.stop(producer);
    }

    @Test
    void subscribingAProducerOrToAMissingNameIsRefused() {
        var self = Processes.self();
        var producer = Stage.startLink(new Pushed(self)).orElseThrow();
        assertThatThrownBy(() -> Stage.subscribe(producer, SubscribeTo.of(producer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a producer");
        var consumer = Stage.startLink(new Recording("c", self), StageOptions.DEFAULT).orElseThrow();
        assertThatThrownBy(() -> Stage.subscribe(consumer, SubscribeTo.of("no_such_producer")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_producer");

        Processes.trapExits(true);
        var failed = Stage.startLink(new Recording("d", self), StageOptions.subscribeTo(SubscribeTo.of("no_such_producer")));
        assertThat(failed).isInstanceOf(StartResult.Error.class);
        assertThatThrownBy(() -> SubscribeTo.of(producer).withDemand(10, 10)).isInstanceOf(IllegalArgumentException.class);
        Stage.stop(consumer);
        Stage.stop(producer);
    }

    // ---- producer-consumers and pipelines ----

    /** Doubles every event. */
    record Doubler() implements ProducerConsumer<Integer, Integer, Void> {
        @Override
        public Void init() {
            return null;
        }

        @Override
        public Result<Integer, Void> handleEvents(List<Integer> events, Subscription from, Void state) {
            return new Emit<>(events.stream().map(n -> n * 2).toList(), state);
        }
    }

    @Test
    void aProducerConsumerHandlesUpstreamEventsOnlyForDownstreamDemand() {
        var self = Processes.self();
        var producer = Stage.startLink(new Counting(self, 1)).orElseThrow();
        var doubler = Stage.startLink(new Doubler(),
                StageOptions.subscribeTo(SubscribeTo.of(producer).withDemand(10, 5))).orElseThrow();
        assertThat(demanded()).isEqualTo(10); // its own subscription's max demand
        refuteReceive(QUIET, m -> m instanceof Demanded ? m : null); // nobody downstream: no more

        var ref = subscribe(doubler, 4);
        assertThat(expectEvents(ref, 4)).isEqualTo(List.of(0, 2, 4, 6));
        // One batch of 5 was handled (one event waits in the doubler's buffer) and 5 more asked for.
        assertThat(demanded()).isEqualTo(5);
        refuteReceive(QUIET, m -> m instanceof Demanded ? m : null);

        doubler.send(new Protocol.Ask(ref, 3));
        assertThat(expectEvents(ref, 3)).isEqualTo(List.of(8, 10, 12));
        Stage.stop(doubler);
        Stage.stop(producer);
    }

    @Test
    void aProducerConsumerHandlesWhatItQueuedBeforeItsProducerEnded() {
        Processes.trapExits(true);
        var producer = Stage.startLink(Producer.fromIterable(range(0, 20))).orElseThrow();
        var producerRef = Processes.monitor(producer);
        var doubler = Stage.startLink(new Doubler(),
                StageOptions.subscribeTo(SubscribeTo.of(producer).withDemand(30, 10))).orElseThrow();
        var doublerRef = Processes.monitor(doubler);
        assertThat(awaitDown(producerRef)).isEqualTo(ExitReason.NORMAL);
        assertThat(doubler.isAlive()).isTrue(); // its 20 events wait for demand

        var ref = subscribe(doubler, 20);
        assertThat(expectEventsThenDown(ref, 20)).isEqualTo(range(0, 20).stream().map(n -> n * 2).toList());
        assertThat(awaitDown(doublerRef)).isEqualTo(ExitReason.NORMAL);
    }

    /** Emits {@code times} events for each event n: n * times, n * times + 1, and so on. */
    record FanOut(int times) implements ProducerConsumer<Integer, Integer, Void> {
        @Override
        public Void init() {
            return null;
        }

        @Override
        public Result<Integer, Void> handleEvents(List<Integer> events, Subscription from, Void state) {
            return new Emit<>(events.stream().flatMap(n -> IntStream.range(n * times, (n + 1) * times).boxed()).toList(), state);
        }
    }

    @Test
    void aProducerConsumerDeliversWhatItBufferedBeforeItsProducersEndStopsIt() {
        var producer = Stage.startLink(Producer.fromIterable(range(0, 6))).orElseThrow();
        var producerRef = Processes.monitor(producer);
        var fanOut = Stage.startLink(new FanOut(5),
                StageOptions.subscribeTo(SubscribeTo.of(producer).withDemand(10, 5))).orElseThrow();
        assertThat(awaitDown(producerRef)).isEqualTo(ExitReason.NORMAL); // its end waits behind its 6 events

        // Asking 2 at a time: each batch of upstream events emits more than asked for, and the
        // rest waits in the buffer; the last batch's rest is still there when the end comes up.
        var ref = subscribe(fanOut, 0);
        var events = new ArrayList<Object>();
        while (events.size() < 30) {
            fanOut.send(new Protocol.Ask(ref, 2));
            int expected = events.size() + 2;
            while (events.size() < expected) {
                var received = assertReceive(m -> m instanceof Protocol.Events e && e.ref() == ref ? e
                        : m instanceof Down d && d.ref() == ref ? d : null);
                if (received instanceof Down down) {
                    throw new AssertionError("stopped (" + down.reason() + ") after delivering only " + events);
                }
                events.addAll(((Protocol.Events) received).events());
            }
        }
        assertThat(events).isEqualTo(range(0, 30));
        // Everything delivered, the permanent subscription's end stops it.
        assertThat(awaitDown(ref)).isEqualTo(ExitReason.NORMAL);
    }

    private static List<Object> expectEventsThenDown(Ref ref, int count) {
        var events = new ArrayList<Object>();
        while (events.size() < count) {
            events.addAll(assertReceive(m -> m instanceof Protocol.Events e && e.ref() == ref ? e.events() : null));
        }
        return events;
    }

    @Test
    void aPipelineDeliversEveryEventExactlyOnceAndCompletes() {
        long threadsBefore = Processes.runningThreads();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        var duplicates = new java.util.concurrent.atomic.AtomicInteger();
        List<Consumer<Integer, ?>> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            consumers.add(Consumer.forEach(n -> {
                if (!seen.add(n)) {
                    duplicates.incrementAndGet();
                }
            }));
        }
        var pipeline = Pipeline.startLink(Producer.fromIterable(range(0, 10_000)), 100, consumers);
        assertThat(pipeline.consumers()).hasSize(4);
        assertThat(pipeline.awaitCompletion(LONG)).isTrue();
        assertThat(seen).hasSize(10_000);
        assertThat(duplicates).hasValue(0);
        assertThat(pipeline.producer().isAlive()).isFalse();
        pipeline.stop(); // nothing left to stop: a no-op

        long deadline = System.nanoTime() + LONG.toNanos();
        while (Processes.runningThreads() > threadsBefore && System.nanoTime() < deadline) {
            Processes.sleep(Duration.ofMillis(2));
        }
        assertThat(Processes.runningThreads()).isLessThanOrEqualTo(threadsBefore);
        refuteReceive(Duration.ZERO, m -> m instanceof Exit ? m : null);
    }

    @Test
    void aConsumerThatEmitsEventsCrashes() {
        Processes.trapExits(true);
        var self = Processes.self();
        var producer = Stage.startLink(new Counting(self, 1)).orElseThrow();
        var liar = Stage.startLink(new Consumer<Integer, Void>() {
            @Override
            public Void init() {
                return null;
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Result<Void, Void> handleEvents(List<Integer> events, Subscription from, Void state) {
                return new Emit(events, state);
            }
        }, StageOptions.subscribeTo(SubscribeTo.of(producer))).orElseThrow();
        var reason = assertReceive(m -> m instanceof Exit e && e.from() == liar ? e.reason() : null);
        assertThat(reason).isInstanceOfSatisfying(ExitReason.Crash.class,
                crash -> assertThat(crash.exception()).hasMessageContaining("a consumer cannot emit"));
        Stage.stop(producer);
    }
}
