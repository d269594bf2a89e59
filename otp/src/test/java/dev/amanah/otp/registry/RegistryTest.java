package dev.amanah.otp.registry;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.AlreadyStarted;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Name;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.InProcess;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class RegistryTest {
    record Registered(Pid pid) {
    }

    /** Starts a process that registers {@code key} in {@code registry}, reports, and waits for ever. */
    private static <V> Pid owner(Registry<String, V> registry, String key, V value) {
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            registry.register(key, value);
            self.send(new Registered(Processes.self()));
            Processes.receive();
        });
        assertReceive(m -> m instanceof Registered r && r.pid() == pid ? r : null);
        return pid;
    }

    private static void kill(Pid pid) {
        var ref = Processes.monitor(pid);
        Processes.exit(pid, ExitReason.KILL);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void Reg1_uniqueKeysRefuseASecondOwner() {
        Registry<String, String> registry = Registry.unique("reg1_unique");
        registry.startLink().orElseThrow();
        var first = owner(registry, "alice", "session-1");
        assertThat(registry.register("alice", "mine")).isEqualTo(new RegisterResult.AlreadyRegistered(first));
        assertThat(registry.lookup("alice")).singleElement().satisfies(entry -> {
            assertThat(entry.pid()).isEqualTo(first);
            assertThat(entry.value()).isEqualTo("session-1");
        });
        assertThat(registry.register("bob", "me")).isInstanceOf(RegisterResult.Ok.class);
        assertThat(registry.register("bob", "me again"))
                .isEqualTo(new RegisterResult.AlreadyRegistered(Processes.self()));
        assertThat(registry.keys(Processes.self())).containsExactly("bob");
        var owners = new ArrayList<Pid>();
        registry.dispatchPids("alice", owners::addAll);
        assertThat(owners).containsExactly(first);
        registry.unregister("bob");
        assertThat(registry.lookup("bob")).isEmpty();
        assertThat(registry.count()).isEqualTo(1);
        kill(first);
    }

    @Test
    void Reg1_duplicateKeysTakeManyEntriesEvenFromOneProcess() {
        Registry<String, Integer> registry = Registry.of("reg1_duplicate", Registry.Keys.DUPLICATE, 4);
        registry.startLink().orElseThrow();
        registry.register("topic", 1);
        registry.register("topic", 1);
        var others = new ArrayList<Pid>();
        for (int i = 0; i < 20; i++) {
            others.add(owner(registry, "topic", 100 + i));
        }
        assertThat(registry.lookup("topic")).hasSize(22);
        assertThat(registry.count()).isEqualTo(22);
        assertThat(registry.keys(Processes.self())).containsExactly("topic", "topic");

        var self = Processes.self();
        var seen = new AtomicInteger();
        var callers = new ArrayList<Pid>();
        registry.dispatch("topic", entries -> {
            callers.add(Processes.self());
            seen.addAndGet(entries.size());
            assertThatThrownBy(entries::clear).isInstanceOf(UnsupportedOperationException.class);
        });
        assertThat(seen).hasValue(22);
        assertThat(callers).isNotEmpty().allMatch(pid -> pid == self); // dispatch runs in the caller
        registry.dispatch("nobody", entries -> {
            throw new AssertionError("no entries, no callback");
        });
        var pids = new ArrayList<Pid>();
        registry.dispatchPids("topic", owners -> {
            assertThat(Processes.self()).isSameAs(self);
            pids.addAll(owners);
            assertThatThrownBy(owners::clear).isInstanceOf(UnsupportedOperationException.class);
        });
        var expectedPids = new ArrayList<>(others);
        expectedPids.add(self);
        expectedPids.add(self); // registered twice: there twice
        assertThat(pids).containsExactlyInAnyOrderElementsOf(expectedPids);
        registry.dispatchPids("nobody", owners -> {
            throw new AssertionError("no entries, no callback");
        });

        registry.unregister("topic");
        assertThat(registry.keys(self)).isEmpty();
        assertThat(registry.lookup("topic")).hasSize(20);
        others.forEach(RegistryTest::kill);
    }

    @Test
    void Reg1_entriesVanishWhenTheOwnerDies() {
        Registry<String, String> unique = Registry.unique("reg1_vanish_unique");
        Registry<String, String> duplicate = Registry.of("reg1_vanish_dup", Registry.Keys.DUPLICATE, 2);
        unique.startLink().orElseThrow();
        duplicate.startLink().orElseThrow();
        var owner = owner(unique, "k", "v");
        var self = Processes.self();
        var ack = new Object();
        var subscriber = Processes.spawn(() -> {
            duplicate.register("k", "a");
            duplicate.register("other", "b");
            self.send(ack);
            Processes.receive();
        });
        assertReceive(m -> m == ack ? m : null);
        assertThat(duplicate.count()).isEqualTo(2);

        kill(subscriber);
        assertThat(duplicate.lookup("k")).isEmpty(); // lookups hide dead owners at once
        duplicate.sync();
        assertThat(duplicate.count()).isZero();
        assertThat(duplicate.keys(subscriber)).isEmpty();

        var ref = Processes.monitor(owner);
        Processes.send(owner, "end normally");
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        unique.sync();
        assertThat(unique.lookup("k")).isEmpty();
        assertThat(unique.count()).isZero();
        // The key is free for someone else.
        assertThat(unique.register("k", "mine")).isInstanceOf(RegisterResult.Ok.class);
    }

    /**
     * Stronger than Elixir, which says only that entries "may not propagate immediately": once
     * an owner's death is observed (here by a monitor's Down), no read shows its entries, with no
     * wait for the partitions: its death removed them before it was announced.
     */
    @Test
    void Reg1_anOwnersEntriesAreGoneOnceItsDeathIsObserved() {
        Registry<String, Integer> duplicate = Registry.of("reg1_gone_dup", Registry.Keys.DUPLICATE, 2);
        Registry<String, Integer> unique = Registry.of("reg1_gone_unique", Registry.Keys.UNIQUE, 2);
        duplicate.startLink().orElseThrow();
        unique.startLink().orElseThrow();
        int owners = 20;
        var self = Processes.self();
        var pids = new ArrayList<Pid>();
        for (int i = 0; i < owners; i++) {
            int n = i;
            pids.add(Processes.spawn(() -> {
                duplicate.register("topic", n);
                duplicate.register("own-" + n, n);
                unique.register("key-" + n, n);
                self.send(new Registered(Processes.self()));
                Processes.receive(m -> m.equals("stop") ? m : null);
            }));
        }
        for (int i = 0; i < owners; i++) {
            assertReceive(m -> m instanceof Registered r ? r : null);
        }
        for (int i = 0; i < owners; i++) {
            var pid = pids.get(i);
            var ref = Processes.monitor(pid);
            if (i % 2 == 0) {
                Processes.exit(pid, ExitReason.KILL); // its death runs on this thread
            } else {
                pid.send("stop"); // it ends on its own thread
            }
            assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
            int left = owners - i - 1;
            assertThat(duplicate.keys(pid)).isEmpty();
            assertThat(unique.keys(pid)).isEmpty();
            assertThat(unique.lookup("key-" + i)).isEmpty();
            assertThat(duplicate.lookup("own-" + i)).isEmpty();
            var dispatched = new ArrayList<Pid>();
            duplicate.dispatch("topic", entries -> entries.forEach(entry -> dispatched.add(entry.pid())));
            assertThat(dispatched).hasSize(left).doesNotContain(pid);
            assertThat(duplicate.count()).isEqualTo(2L * left);
            assertThat(unique.count()).isEqualTo(left);
        }
    }

    @Test
    void Reg1_anOwnerKilledWhileRegisteringLeavesNothingBehind() {
        Registry<String, Integer> duplicate = Registry.of("reg1_killed_dup", Registry.Keys.DUPLICATE, 2);
        Registry<String, Integer> unique = Registry.of("reg1_killed_unique", Registry.Keys.UNIQUE, 2);
        duplicate.startLink().orElseThrow();
        unique.startLink().orElseThrow();
        var self = Processes.self();
        for (int round = 0; round < 40; round++) {
            int n = round;
            var pid = Processes.spawn(() -> {
                for (int i = 0; ; i++) {
                    duplicate.register("topic", n);
                    unique.register("key-" + (i % 3), n);
                    if (i == 0) {
                        self.send(new Registered(Processes.self()));
                    }
                    duplicate.unregister("topic");
                    unique.unregister("key-" + (i % 3));
                }
            });
            assertReceive(m -> m instanceof Registered r && r.pid() == pid ? r : null);
            kill(pid); // at whatever point of a register or an unregister it is
            assertThat(duplicate.keys(pid)).isEmpty();
            assertThat(unique.keys(pid)).isEmpty();
            assertThat(duplicate.count()).isZero();
            assertThat(unique.count()).isZero();
            duplicate.dispatch("topic", entries -> {
                throw new AssertionError("entries left: " + entries);
            });
            for (int k = 0; k < 3; k++) {
                // The key is free: registering it succeeds.
                assertThat(unique.register("key-" + k, -1)).isInstanceOf(RegisterResult.Ok.class);
                unique.unregister("key-" + k);
            }
        }
    }

    record ReaderDone(String failure) {
    }

    /**
     * Parks the caller briefly: busy loops of virtual threads that only {@code Thread.yield()}
     * were seen to keep a monitor's holder off both carriers for minutes (with or without this
     * branch's changes), which is the scheduler's fairness, not the registry's.
     */
    private static void pause() {
        LockSupport.parkNanos(20_000);
    }

    /**
     * Many owners of one duplicate key (one partition: one list) registering, unregistering and
     * dying at once, some killed by this process, some ending on their own thread, while two
     * readers dispatch and count: their removals race with each other and with the list's
     * compactions, without the key's lock. The owners that stay are in every dispatch, in
     * registration order; a dead owner is in no read once its Down is received; at the end the
     * counts add up, and once the stayers are gone too, nothing is left.
     */
    @Test
    void Reg1_manyOwnersOfOneKeyChurnAndDieWhileOthersDispatch() {
        Registry<String, Integer> topics = Registry.of("reg1_churn", Registry.Keys.DUPLICATE, 1);
        topics.startLink().orElseThrow();
        var self = Processes.self();
        var staying = new ArrayList<Pid>();
        for (int i = 0; i < 8; i++) {
            staying.add(owner(topics, "topic", i));
        }
        var stop = new AtomicBoolean();
        for (int r = 0; r < 2; r++) {
            Processes.spawn(() -> {
                String failure = null;
                while (!stop.get() && failure == null) {
                    var seen = new ArrayList<Pid>();
                    topics.dispatchPids("topic", pids -> pids.forEach(seen::add));
                    var entries = new ArrayList<Pid>();
                    topics.dispatch("topic", list -> list.forEach(entry -> entries.add(entry.pid())));
                    if (!seen.stream().filter(staying::contains).toList().equals(staying)
                            || !entries.stream().filter(staying::contains).toList().equals(staying)) {
                        failure = "a dispatch saw the staying owners as " + seen + " / " + entries;
                    } else if (topics.count() < staying.size()) {
                        failure = "count " + topics.count() + " below the " + staying.size() + " staying";
                    }
                    pause(); // a loop that never parks can starve the lock holders it waits for
                }
                self.send(new ReaderDone(failure));
            });
        }
        for (int round = 0; round < 30; round++) {
            var churners = new ArrayList<Pid>();
            for (int c = 0; c < 6; c++) {
                int n = round * 10 + c;
                // Even ones loop until killed; odd ones stop on their own, still registered.
                int iterations = c % 2 == 0 ? Integer.MAX_VALUE : 50 + 40 * c;
                churners.add(Processes.spawn(() -> {
                    for (int i = 0; i < iterations; i++) {
                        topics.register("topic", n);
                        topics.register("topic", n);
                        if (i == 0) {
                            self.send(new Registered(Processes.self()));
                        }
                        topics.unregister("topic");
                        topics.register("topic", n);
                        pause();
                    }
                }));
            }
            for (var pid : churners) {
                assertReceive(m -> m instanceof Registered r && r.pid() == pid ? r : null);
            }
            for (int c = 0; c < churners.size(); c++) {
                var pid = churners.get(c);
                var ref = Processes.monitor(pid);
                if (c % 2 == 0) {
                    Processes.exit(pid, ExitReason.KILL);
                }
                assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
                var seen = new ArrayList<Pid>();
                topics.dispatchPids("topic", pids -> pids.forEach(seen::add));
                assertThat(seen).doesNotContain(pid);
                assertThat(topics.lookup("topic")).noneMatch(entry -> entry.pid() == pid);
                assertThat(topics.keys(pid)).isEmpty();
            }
        }
        stop.set(true);
        for (int r = 0; r < 2; r++) {
            assertThat(assertReceive(m -> m instanceof ReaderDone d ? d : null).failure()).isNull();
        }
        var seen = new ArrayList<Pid>();
        topics.dispatchPids("topic", pids -> pids.forEach(seen::add));
        assertThat(seen).containsExactlyElementsOf(staying);
        assertThat(topics.count()).isEqualTo(staying.size());
        staying.forEach(RegistryTest::kill);
        assertThat(topics.count()).isZero();
        topics.dispatchPids("topic", pids -> {
            throw new AssertionError("owners left: " + pids);
        });
    }

    @Test
    void Reg1_aProcessRegistersOnlyItselfAndViaNamesGenServers() {
        Registry<String, Object> registry = Registry.unique("reg1_via");
        registry.startLink().orElseThrow();
        var stranger = Processes.spawn(Processes::receive);
        assertThatThrownBy(() -> registry.registerName("x", stranger)).isInstanceOf(IllegalArgumentException.class);

        var name = Name.via(registry, "campaign-42");
        var server = GenServer.start(new Counter(), StartOptions.named(name)).orElseThrow();
        assertThat(registry.lookup("campaign-42")).singleElement().extracting(Entry::pid).isEqualTo(server);
        assertThat((Integer) GenServer.call(name, "increment")).isEqualTo(1);
        assertThat(GenServer.start(new Counter(), StartOptions.named(name)))
                .isEqualTo(new StartResult.Error(new AlreadyStarted(server).asReason()));
        GenServer.stop(name, ExitReason.NORMAL, Processes.INFINITY);
        registry.sync();
        assertThat(registry.lookup("campaign-42")).isEmpty();
        assertThatThrownBy(() -> Registry.duplicate("dup").whereisName("x")).isInstanceOf(IllegalStateException.class);
        Processes.exit(stranger, ExitReason.KILL);
    }

    @Test
    void Reg1_aRegistryThatIsNotRunningIsUnknown() {
        Registry<String, String> registry = Registry.unique("reg1_unknown");
        assertThatThrownBy(() -> registry.lookup("k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reg1_unknown");
        var pid = registry.startLink().orElseThrow();
        assertThat(registry.startLink()).isEqualTo(new StartResult.Error(new AlreadyStarted(pid).asReason()));
        registry.stop();
        assertThatThrownBy(() -> registry.register("k", "v")).isInstanceOf(IllegalArgumentException.class);
        // Restarted, it is empty and usable again.
        registry.startLink().orElseThrow();
        assertThat(registry.count()).isZero();
        assertThat(registry.register("k", "v")).isInstanceOf(RegisterResult.Ok.class);
    }

    @Test
    void Reg1_parallelOwnersInAPartitionedRegistry() {
        Registry<String, Integer> registry = Registry.of("reg1_parallel", Registry.Keys.DUPLICATE, 8);
        registry.startLink().orElseThrow();
        var self = Processes.self();
        var owners = new ArrayList<Pid>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            owners.add(Processes.spawn(() -> {
                registry.register("shared", n);
                registry.register("own-" + n, n);
                self.send(new Registered(Processes.self()));
                Processes.receive();
            }));
        }
        for (int i = 0; i < 200; i++) {
            assertReceive(m -> m instanceof Registered r ? r : null);
        }
        assertThat(registry.count()).isEqualTo(400);
        var values = new ArrayList<Integer>();
        registry.dispatch("shared", entries -> entries.forEach(e -> values.add(e.value())));
        assertThat(values).hasSize(200).doesNotHaveDuplicates();
        owners.subList(0, 100).forEach(RegistryTest::kill);
        registry.sync();
        assertThat(registry.count()).isEqualTo(200);
        assertThat(registry.lookup("shared")).hasSize(100);
        owners.subList(100, 200).forEach(RegistryTest::kill);
        registry.sync();
        assertThat(registry.count()).isZero();
    }

    /**
     * A registry restarted under its supervisor while an owner that traps exits outlives it: the
     * clean-up each old registry attached to the owner must not stay with it, keeping that
     * registry's storage, until the owner dies. Five restarts, the owner registering again after
     * each; every old storage must become collectable while the owner lives on.
     */
    @Test
    void Reg1_anEndedRegistryLeavesNothingOnAnOwnerThatOutlivesIt() throws InterruptedException {
        Registry<String, String> registry = Registry.of("reg1_restarted", Registry.Keys.DUPLICATE, 2);
        var parent = Supervisor.startLink(List.of(registry.childSpec())).orElseThrow();
        var self = Processes.self();
        var owner = Processes.spawn(() -> {
            Processes.trapExits(true);
            for (;;) {
                switch (Processes.receive()) {
                    case Exit exit -> {
                        // the partitions of the registry that ended: the owner lives on
                    }
                    case String key -> {
                        registry.register(key, "v");
                        self.send(new Registered(Processes.self()));
                    }
                    default -> {
                    }
                }
            }
        });
        var ended = new ArrayList<WeakReference<Object>>();
        for (int restart = 0; restart < 5; restart++) {
            owner.send("key-" + restart);
            assertReceive(m -> m instanceof Registered r && r.pid() == owner ? r : null);
            ended.add(new WeakReference<>(registry.storage()));
            assertThat(Supervisor.terminateChild(parent, registry.name())).isTrue();
            assertThat(Supervisor.restartChild(parent, registry.name())).isInstanceOf(StartResult.Ok.class);
        }
        owner.send("key-after");
        assertReceive(m -> m instanceof Registered r && r.pid() == owner ? r : null);
        assertThat(registry.keys(owner)).containsExactly("key-after");

        for (int attempt = 0; attempt < 100 && ended.stream().anyMatch(ref -> ref.get() != null); attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ended).as("storages of ended registries still reachable").allSatisfy(ref -> assertThat(ref.get()).isNull());
        assertThat(owner.isAlive()).isTrue();
        kill(owner);
        Supervisor.stop(parent);
    }

    static final class Counter implements GenServer<Integer> {
        @Override
        public InitResult<Integer> init() {
            return new Ok<>(0);
        }

        @Override
        public CallResult<Integer> handleCall(Object request, dev.amanah.otp.ReplyTo from, Integer state) {
            return "increment".equals(request) ? new Reply<>(state + 1, state + 1)
                    : GenServer.super.handleCall(request, from, state);
        }
    }
}
