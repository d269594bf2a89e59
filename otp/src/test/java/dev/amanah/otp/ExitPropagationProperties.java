package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.CapturedLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random groups of processes with random links, monitors and trap flags, under random exits.
 * A sequential model of Erlang's rules predicts every outcome; after each exit settles, the
 * runtime must agree with it: who died and why, every Down and every Exit message exactly once,
 * nothing registered or listed that is dead, and no process thread left running at the end.
 */
class ExitPropagationProperties {

    /** How one process is made to end (or, when it traps exits, to receive an Exit message). */
    sealed interface Action {
        int target();
    }

    record Stop(int target) implements Action {}

    record Crash(int target) implements Action {}

    record Signal(int target, ExitReason reason) implements Action {}

    record Scenario(int size, List<Boolean> traps, List<Tuple.Tuple2<Integer, Integer>> links,
                    List<Tuple.Tuple2<Integer, Integer>> monitors, List<Action> actions) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.integers().between(2, 50).flatMap(size -> {
            var index = Arbitraries.integers().between(0, size - 1);
            var pair = Combinators.combine(index, index).as(Tuple::of);
            var reason = Arbitraries.of(ExitReason.NORMAL, ExitReason.SHUTDOWN, ExitReason.shutdown("rotation"),
                    ExitReason.of("custom"), ExitReason.KILL);
            Arbitrary<Action> action = Arbitraries.oneOf(
                    index.map(Stop::new),
                    index.map(Crash::new),
                    Combinators.combine(index, reason).as(Signal::new));
            return Combinators.combine(
                    Arbitraries.of(true, false, false).list().ofSize(size),
                    pair.list().ofMaxSize(size * 2),
                    pair.list().ofMaxSize(size),
                    action.list().ofMinSize(1).ofMaxSize(size))
                    .as((traps, links, monitors, actions) -> new Scenario(size, traps, links, monitors, actions));
        });
    }

    @Property(tries = 150)
    void exitsPropagateAsErlangPredicts(@ForAll("scenarios") Scenario scenario) throws Exception {
        long threadsBefore = Processes.runningThreads();
        // Run the scenario in a process of its own, so the test runner's thread is never adopted.
        var outcome = new CompletableFuture<Void>();
        Processes.spawn(() -> {
            try (var ignored = CapturedLog.capture("dev.amanah.otp.crash")) {
                new Run(scenario).execute();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        outcome.get(60, TimeUnit.SECONDS);
        JavaRulesTest.awaitRunningThreadsBelow(threadsBefore + 1);
    }

    record Ready(int index) {}

    record StopNow() {}

    record CrashNow() {}

    record LinkTo(Pid pid) {}

    record MonitorOf(Pid pid) {}

    record Done(int index, Object answer) {}

    record Forwarded(int index, Object message) {}

    /** One scenario: the processes, the model, and the checks. */
    static final class Run {
        private final Scenario scenario;
        private final Pid[] pids;
        private final Ref[] observerRefs;
        private final String[] names;
        private final Model model;
        /** In-group monitors: ref to (watcher, target). */
        private final Map<Ref, int[]> monitors = new HashMap<>();

        Run(Scenario scenario) {
            this.scenario = scenario;
            int size = scenario.size();
            this.pids = new Pid[size];
            this.observerRefs = new Ref[size];
            this.names = new String[size];
            this.model = new Model(scenario);
        }

        void execute() {
            var test = Processes.self();
            for (int i = 0; i < pids.length; i++) {
                int index = i;
                boolean trap = scenario.traps().get(i);
                pids[i] = Processes.spawn(() -> member(test, index, trap));
                observerRefs[i] = Processes.monitor(pids[i]);
                names[i] = "prop-" + pids[i].id();
                Processes.register(names[i], pids[i]);
                assertReceive(m -> m instanceof Ready r && r.index() == index ? r : null);
            }
            for (var link : scenario.links()) {
                pids[link.get1()].send(new LinkTo(pids[link.get2()]));
                awaitDone(link.get1());
            }
            for (var monitor : scenario.monitors()) {
                pids[monitor.get1()].send(new MonitorOf(pids[monitor.get2()]));
                var ref = (Ref) awaitDone(monitor.get1());
                monitors.put(ref, new int[] {monitor.get1(), monitor.get2()});
            }
            int step = 0;
            for (var action : scenario.actions()) {
                step++;
                var newlyDead = model.apply(action, step);
                perform(action);
                for (int dead : newlyDead) {
                    var down = awaitObserverDown(dead);
                    assertThat(Model.kind(down.reason())).as("reason of %d after %s", dead, action)
                            .isEqualTo(model.reasonOf(dead));
                }
                awaitExpectedForwards();
            }
            checkFinalState();
            for (var pid : pids) {
                Processes.exit(pid, ExitReason.KILL);
            }
            for (int i = 0; i < pids.length; i++) {
                if (model.isAlive(i)) {
                    awaitObserverDown(i);
                }
            }
        }

        private static void member(Pid test, int index, boolean trap) {
            Processes.trapExits(trap);
            test.send(new Ready(index));
            for (;;) {
                var message = Processes.receive();
                switch (message) {
                    case StopNow stop -> {
                        return;
                    }
                    case CrashNow crash -> throw new IllegalStateException("crash requested");
                    case LinkTo(var pid) -> {
                        Processes.link(pid);
                        test.send(new Done(index, pid));
                    }
                    case MonitorOf(var pid) -> test.send(new Done(index, Processes.monitor(pid)));
                    default -> test.send(new Forwarded(index, message));
                }
            }
        }

        private Object awaitDone(int index) {
            Done done = assertReceive(m -> m instanceof Done d && d.index() == index ? d : null);
            return done.answer();
        }

        private void perform(Action action) {
            var pid = pids[action.target()];
            switch (action) {
                case Stop s -> pid.send(new StopNow());
                case Crash c -> pid.send(new CrashNow());
                case Signal(var target, var reason) -> Processes.exit(pid, reason);
            }
        }

        private Down awaitObserverDown(int index) {
            var ref = observerRefs[index];
            return assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        }

        /** Waits for every Exit and Down message the model says a surviving member must forward. */
        private void awaitExpectedForwards() {
            for (var expected : model.takeExpectedForwards()) {
                assertReceive(m -> m instanceof Forwarded f && matches(f, expected) ? f : null);
            }
        }

        private boolean matches(Forwarded forwarded, Model.Expected expected) {
            if (forwarded.index() != expected.receiver()) {
                return false;
            }
            return switch (forwarded.message()) {
                case Exit(var from, var reason) -> expected.isExit() && from == pids[expected.from()]
                        && Model.kind(reason).equals(expected.reason());
                case Down(var ref, var pid, var reason) -> !expected.isExit()
                        && monitorMatches(ref, expected)
                        && pid == pids[expected.from()] && Model.kind(reason).equals(expected.reason());
                default -> false;
            };
        }

        private boolean monitorMatches(Ref ref, Model.Expected expected) {
            var pair = monitors.get(ref);
            return pair != null && pair[0] == expected.receiver() && pair[1] == expected.from()
                    && model.claimMonitor(ref);
        }

        private void checkFinalState() {
            var registered = Processes.registered();
            var live = new HashSet<>(Processes.list());
            for (int i = 0; i < pids.length; i++) {
                assertThat(pids[i].isAlive()).as("alive %d", i).isEqualTo(model.isAlive(i));
                assertThat(live.contains(pids[i])).as("listed %d", i).isEqualTo(model.isAlive(i));
                assertThat(registered.contains(names[i])).as("registered %d", i).isEqualTo(model.isAlive(i));
            }
            // Whatever else was forwarded must come from a member that died in the same cascade as
            // the event (it may or may not have had time to forward it): never a duplicate.
            Processes.receive(Duration.ofMillis(20), m -> null);
            for (Object message; (message = Processes.receive(Duration.ZERO)) != null; ) {
                if (message instanceof Down down) {
                    assertThat(List.of(observerRefs)).as("a second Down from the observer's monitors")
                            .doesNotContain(down.ref());
                }
                if (message instanceof Forwarded(var receiver, Down(var ref, var pid, var reason))) {
                    var pair = monitors.get(ref);
                    assertThat(model.claimed(ref)).as("a second Down for %s", ref).isFalse();
                    assertThat(model.diedTogether(pair[0], pair[1])).as("unexpected %s", message).isTrue();
                }
                if (message instanceof Forwarded(var receiver, Exit(var from, var reason)) && indexOf(from) >= 0) {
                    assertThat(model.diedTogether(receiver, indexOf(from))).as("unexpected %s", message).isTrue();
                }
            }
        }

        private int indexOf(Pid pid) {
            return List.of(pids).indexOf(pid);
        }
    }

    /** Erlang's rules, applied one action at a time. */
    static final class Model {
        record Expected(int receiver, int from, String reason, boolean isExit) {}

        private final boolean[] trap;
        private final List<Set<Integer>> links = new ArrayList<>();
        private final String[] reasons;
        private final int[] diedAt;
        private final List<int[]> monitors;
        private final List<Expected> expected = new ArrayList<>();
        private final Set<Ref> claimed = new HashSet<>();

        Model(Scenario scenario) {
            int size = scenario.size();
            trap = new boolean[size];
            reasons = new String[size];
            diedAt = new int[size];
            for (int i = 0; i < size; i++) {
                trap[i] = scenario.traps().get(i);
                links.add(new HashSet<>());
            }
            for (var link : scenario.links()) {
                if (!link.get1().equals(link.get2())) {
                    links.get(link.get1()).add(link.get2());
                    links.get(link.get2()).add(link.get1());
                }
            }
            monitors = scenario.monitors().stream().map(m -> new int[] {m.get1(), m.get2()}).toList();
        }

        static String kind(ExitReason reason) {
            return reason instanceof ExitReason.Crash ? "crash" : reason.toString();
        }

        boolean isAlive(int index) {
            return reasons[index] == null;
        }

        String reasonOf(int index) {
            return reasons[index];
        }

        /** Applies an action; returns the members that die of it. */
        List<Integer> apply(Action action, int step) {
            int target = action.target();
            var dying = new ArrayList<Integer>();
            if (!isAlive(target)) {
                return dying;
            }
            switch (action) {
                case Stop s -> die(target, "normal", step, dying);
                case Crash c -> die(target, "crash", step, dying);
                case Signal(var t, var reason) -> {
                    if (reason instanceof ExitReason.Kill) {
                        die(target, "killed", step, dying);
                    } else if (!trap[target] && !reason.isNormal()) {
                        die(target, kind(reason), step, dying);
                    }
                    // A trapping target gets an Exit from the test process, which it forwards;
                    // it is not one of ours, so it is not tracked.
                }
            }
            // Monitors and Exit messages to members that survive this step must be forwarded.
            for (var e : new ArrayList<>(expected)) {
                if (!isAlive(e.receiver())) {
                    expected.remove(e);
                }
            }
            return dying;
        }

        private void die(int first, String reason, int step, List<Integer> dying) {
            var work = new ArrayDeque<int[]>();
            reasons[first] = reason;
            diedAt[first] = step;
            dying.add(first);
            work.add(new int[] {first});
            while (!work.isEmpty()) {
                int dead = work.poll()[0];
                var why = reasons[dead];
                for (int[] monitor : monitors) {
                    if (monitor[1] == dead && isAlive(monitor[0])) {
                        expected.add(new Expected(monitor[0], dead, why, false));
                    }
                }
                for (int peer : links.get(dead)) {
                    links.get(peer).remove(dead);
                    if (!isAlive(peer)) {
                        continue;
                    }
                    if (trap[peer]) {
                        expected.add(new Expected(peer, dead, why, true));
                    } else if (!why.equals("normal")) {
                        reasons[peer] = why;
                        diedAt[peer] = step;
                        dying.add(peer);
                        work.add(new int[] {peer});
                    }
                }
                links.get(dead).clear();
            }
        }

        List<Expected> takeExpectedForwards() {
            var taken = List.copyOf(expected);
            expected.clear();
            return taken;
        }

        /** Monitors a member made of the same target are told apart by ref: each is claimed once. */
        boolean claimMonitor(Ref ref) {
            return claimed.add(ref);
        }

        boolean claimed(Ref ref) {
            return claimed.contains(ref);
        }

        /** Both died, in the same step. */
        boolean diedTogether(int a, int b) {
            return !isAlive(a) && !isAlive(b) && diedAt[a] == diedAt[b];
        }
    }
}
