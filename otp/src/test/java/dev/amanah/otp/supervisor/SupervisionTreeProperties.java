package dev.amanah.otp.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.Ref;
import dev.amanah.otp.server.GenServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random supervision trees (depth up to 3, random strategies, restart types and intensities)
 * under random child exits, checked against a model of OTP's rules: after each exit, exactly the
 * processes the model says die do die, the children it says restart have new pids, the others
 * keep theirs, a supervisor that exceeds its intensity gives up, and nothing leaks.
 */
class SupervisionTreeProperties {

    sealed interface Node {
        String id();

        ChildSpec.Restart restart();
    }

    record Worker(String id, ChildSpec.Restart restart) implements Node {
    }

    record Sup(String id, ChildSpec.Restart restart, Strategy strategy, int maxRestarts, List<Node> children)
            implements Node {
    }

    record Hit(int worker, int reason) {
    }

    private static final List<ExitReason> REASONS = List.of(ExitReason.NORMAL, ExitReason.SHUTDOWN,
            ExitReason.of("boom"));

    /** A worker that stops with whatever reason it is cast. */
    static final class Plain implements GenServer<String> {
        @Override
        public InitResult<String> init() {
            return new Ok<>("");
        }

        @Override
        public Result<String> handleCast(Object request, String state) {
            return new Stop<>((ExitReason) request, state);
        }
    }

    @Property(tries = 60)
    void treesRestartWhatOtpRulesPredict(@ForAll("trees") Sup root, @ForAll("hits") List<Hit> hits) throws Exception {
        var outcome = new CompletableFuture<Void>();
        Processes.spawn(() -> {
            try {
                run(root, hits);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        outcome.get(60, TimeUnit.SECONDS);
    }

    @Provide
    Arbitrary<Sup> trees() {
        var counter = new AtomicInteger();
        return supervisor(3, counter);
    }

    private Arbitrary<Sup> supervisor(int depth, AtomicInteger counter) {
        Arbitrary<Node> child = depth <= 1 ? worker(counter)
                : Arbitraries.frequencyOf(Tuple.of(3, worker(counter)), Tuple.of(1, supervisor(depth - 1, counter)));
        return Combinators.combine(restarts(), Arbitraries.of(Strategy.class), Arbitraries.integers().between(0, 3),
                        child.list().ofMinSize(1).ofMaxSize(3))
                .as((restart, strategy, max, children) -> new Sup("s" + counter.incrementAndGet(), restart, strategy,
                        max, children));
    }

    private Arbitrary<Node> worker(AtomicInteger counter) {
        return restarts().map(restart -> new Worker("w" + counter.incrementAndGet(), restart));
    }

    private Arbitrary<ChildSpec.Restart> restarts() {
        return Arbitraries.of(ChildSpec.Restart.class);
    }

    @Provide
    Arbitrary<List<Hit>> hits() {
        return Combinators.combine(Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 2))
                .as(Hit::new).list().ofMinSize(1).ofMaxSize(6);
    }

    // ---- the run ----

    private static void run(Sup root, List<Hit> hits) {
        var before = new HashSet<>(Processes.list());
        var model = Model.start(root);
        var rootPid = Supervisor.start(root.children().stream().map(SupervisionTreeProperties::spec).toList(),
                options(root)).orElseThrow();
        model.adopt(rootPid, observe(rootPid));
        var seen = new HashSet<>(model.pids());
        for (var hit : hits) {
            var workers = model.runningWorkers();
            if (workers.isEmpty() || !model.root.running) {
                break;
            }
            var target = workers.get(hit.worker() % workers.size());
            var monitors = new HashMap<Pid, Ref>();
            for (var pid : model.pids()) {
                monitors.put(pid, Processes.monitor(pid));
            }
            var reason = REASONS.get(hit.reason());
            var dying = model.exit(target, reason);
            GenServer.cast(target.pid, reason);
            for (var pid : dying) {
                var ref = monitors.remove(pid);
                var down = Processes.receive(Duration.ofSeconds(10),
                        m -> m instanceof Down d && d.ref() == ref ? d : null);
                assertThat(down).as("predicted death of %s", pid).isNotNull();
            }
            monitors.values().forEach(ref -> Processes.demonitor(ref, true));
            if (model.root.running) {
                model.adopt(rootPid, observe(rootPid));
                for (var pid : model.pids()) {
                    assertThat(pid.isAlive()).isTrue();
                }
                seen.addAll(model.pids());
            } else {
                assertThat(rootPid.isAlive()).isFalse();
            }
        }
        if (rootPid.isAlive()) {
            Supervisor.stop(rootPid);
        }
        for (var pid : seen) {
            assertThat(pid.isAlive()).as("leaked %s", pid).isFalse();
        }
        var after = new HashSet<>(Processes.list());
        after.removeAll(before);
        after.remove(Processes.self());
        assertThat(after).as("leaked processes").isEmpty();
    }

    private static SupervisorOptions options(Sup sup) {
        return SupervisorOptions.of(sup.strategy()).withMaxRestarts(sup.maxRestarts()).withMaxSeconds(Duration.ofMinutes(1));
    }

    private static ChildSpec spec(Node node) {
        return switch (node) {
            case Worker w -> ChildSpec.worker(w.id(), () -> GenServer.startLink(new Plain())).withRestart(w.restart());
            case Sup s -> ChildSpec.supervisor(s.id(), () -> Supervisor.startLink(
                    s.children().stream().map(SupervisionTreeProperties::spec).toList(), options(s)))
                    .withRestart(s.restart());
        };
    }

    /** The actual tree: for each supervisor pid, its children's ids and pids. */
    private static Map<Pid, List<ChildInfo>> observe(Pid root) {
        var tree = new HashMap<Pid, List<ChildInfo>>();
        var pending = new ArrayList<Pid>(List.of(root));
        while (!pending.isEmpty()) {
            var sup = pending.removeLast();
            var children = Supervisor.whichChildren(sup);
            tree.put(sup, children);
            for (var child : children) {
                if (child.type() == ChildSpec.Type.SUPERVISOR) {
                    child.pid().ifPresent(pending::add);
                }
            }
        }
        return tree;
    }

    // ---- the model ----

    /** What OTP's rules say the tree looks like. */
    static final class Model {
        static final class M {
            final Node node;
            final M parent;
            final List<M> children = new ArrayList<>();
            boolean running = true;
            Pid pid;          // null while running means "a fresh process, pid to be observed"
            int restarts;

            M(Node node, M parent) {
                this.node = node;
                this.parent = parent;
                if (node instanceof Sup sup) {
                    sup.children().forEach(child -> children.add(new M(child, this)));
                }
            }
        }

        final M root;

        private Model(Sup root) {
            this.root = new M(root, null);
        }

        static Model start(Sup root) {
            return new Model(root);
        }

        List<M> runningWorkers() {
            var found = new ArrayList<M>();
            collect(root, found);
            return found;
        }

        private static void collect(M m, List<M> found) {
            for (var child : m.children) {
                if (child.running && child.node instanceof Worker) {
                    found.add(child);
                }
                if (child.running) {
                    collect(child, found);
                }
            }
        }

        Set<Pid> pids() {
            var pids = new HashSet<Pid>();
            gather(root, pids);
            return pids;
        }

        private static void gather(M m, Set<Pid> pids) {
            if (m.running) {
                pids.add(m.pid);
                m.children.forEach(child -> gather(child, pids));
            }
        }

        /** {@code worker} ends with {@code reason}: returns the pids that die as a result. */
        List<Pid> exit(M worker, ExitReason reason) {
            var dying = new ArrayList<Pid>();
            kill(worker, dying);
            exited(worker, reason, dying);
            return dying;
        }

        private void exited(M child, ExitReason reason, List<Pid> dying) {
            var sup = child.parent;
            if (!Children.restarts(child.node.restart(), reason)) {
                if (child.node.restart() == ChildSpec.Restart.TEMPORARY) {
                    sup.children.remove(child);
                }
                return;
            }
            sup.restarts++;
            if (sup.restarts > ((Sup) sup.node).maxRestarts()) {
                kill(sup, dying);
                if (sup.parent != null) {
                    exited(sup, ExitReason.SHUTDOWN, dying);
                }
                return;
            }
            int at = sup.children.indexOf(child);
            var group = switch (((Sup) sup.node).strategy()) {
                case ONE_FOR_ONE -> List.of(child);
                case ONE_FOR_ALL -> List.copyOf(sup.children);
                case REST_FOR_ONE -> List.copyOf(sup.children.subList(at, sup.children.size()));
            };
            for (var sibling : group.reversed()) {
                if (sibling != child) {
                    kill(sibling, dying);
                    if (sibling.node.restart() == ChildSpec.Restart.TEMPORARY) {
                        sup.children.remove(sibling);
                    }
                }
            }
            for (var member : group) {
                if (sup.children.contains(member)) {
                    var fresh = new M(member.node, sup);
                    fresh.pid = null;
                    sup.children.set(sup.children.indexOf(member), fresh);
                }
            }
        }

        private static void kill(M m, List<Pid> dying) {
            if (m.running) {
                dying.add(m.pid);
                m.running = false;
                m.children.forEach(child -> kill(child, dying));
            }
        }

        /** Checks the observed tree against the model and learns the pids of fresh processes. */
        void adopt(Pid rootPid, Map<Pid, List<ChildInfo>> observed) {
            if (root.pid == null) {
                root.pid = rootPid;
            }
            match(root, observed);
        }

        private static void match(M sup, Map<Pid, List<ChildInfo>> observed) {
            var actual = observed.get(sup.pid);
            assertThat(actual).as("children of %s", sup.node.id()).isNotNull();
            assertThat(actual).extracting(ChildInfo::id).as("children of %s", sup.node.id())
                    .containsExactlyElementsOf(sup.children.stream().map(m -> m.node.id()).toList());
            for (int i = 0; i < actual.size(); i++) {
                var m = sup.children.get(i);
                Optional<Pid> pid = actual.get(i).pid();
                assertThat(pid.isPresent()).as("%s running", m.node.id()).isEqualTo(m.running);
                if (m.running) {
                    if (m.pid == null) {
                        m.pid = pid.get();
                    } else {
                        assertThat(pid).as("%s kept its pid", m.node.id()).contains(m.pid);
                    }
                    if (m.node instanceof Sup) {
                        match(m, observed);
                    }
                }
            }
        }
    }
}
