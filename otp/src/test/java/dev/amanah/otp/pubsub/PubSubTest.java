package dev.amanah.otp.pubsub;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static dev.amanah.otp.testing.MailboxAssertions.refuteReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class PubSubTest {
    private static final Duration QUIET = Duration.ofMillis(50);

    record Subscribed(Pid pid) {
    }

    record Heard(Pid listener, Object message) {
    }

    record Forwarded(String topic, Object message, Optional<Pid> from) {
    }

    /** A listener that subscribes, reports, then forwards every message it hears to the test. */
    private static Pid listener(PubSub pubsub, String topic) {
        var self = Processes.self();
        var pid = Processes.spawn(() -> {
            pubsub.subscribe(topic);
            self.send(new Subscribed(Processes.self()));
            for (;;) {
                var message = Processes.receive();
                if (message.equals("unsubscribe")) {
                    pubsub.unsubscribe(topic);
                    self.send(new Subscribed(null));
                } else {
                    self.send(new Heard(Processes.self(), message));
                }
            }
        });
        assertReceive(m -> m instanceof Subscribed s && s.pid() == pid ? s : null);
        return pid;
    }

    private static void expectHeard(Pid listener, Object message) {
        assertReceive(m -> m instanceof Heard h && h.listener() == listener && h.message().equals(message) ? h : null);
    }

    private static void refuteHeard(Pid listener) {
        refuteReceive(QUIET, m -> m instanceof Heard h && h.listener() == listener ? h : null);
    }

    private static void kill(Pid pid) {
        var ref = Processes.monitor(pid);
        Processes.exit(pid, ExitReason.KILL);
        assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    @Test
    void aBroadcastReachesEverySubscriberOfTheTopicAndNoOneElse() {
        var pubsub = PubSub.of("ps_broadcast");
        pubsub.startLink().orElseThrow();
        var a = listener(pubsub, "campaign:1");
        var b = listener(pubsub, "campaign:1");
        var other = listener(pubsub, "campaign:2");
        assertThat(pubsub.subscribers("campaign:1")).containsExactlyInAnyOrder(a, b);

        pubsub.broadcast("campaign:1", "donation 1");
        pubsub.broadcast("campaign:1", "donation 2");
        for (var listener : List.of(a, b)) {
            expectHeard(listener, "donation 1");
            expectHeard(listener, "donation 2");
        }
        refuteHeard(other);
        pubsub.broadcast("nobody-listens", "lost"); // no subscribers: nothing happens
        for (var pid : List.of(a, b, other)) {
            kill(pid);
        }
        pubsub.stop();
        assertMailboxEmpty();
    }

    @Test
    void broadcastFromSkipsTheSender() {
        var pubsub = PubSub.of("ps_from");
        pubsub.startLink().orElseThrow();
        var listener = listener(pubsub, "chat");
        pubsub.subscribe("chat");
        pubsub.broadcastFrom(Processes.self(), "chat", "hello");
        expectHeard(listener, "hello");
        refuteReceive(QUIET, m -> m.equals("hello") ? m : null);

        pubsub.broadcast("chat", "to all");
        assertReceive(m -> m.equals("to all") ? m : null);
        expectHeard(listener, "to all");
        pubsub.unsubscribe("chat"); // subscribers are linked to the registry, which stops with shutdown
        kill(listener);
        pubsub.stop();
    }

    @Test
    void unsubscribeStopsDeliveryAndSubscribingTwiceDeliversTwice() {
        var pubsub = PubSub.of("ps_unsubscribe");
        pubsub.startLink().orElseThrow();
        var listener = listener(pubsub, "news");
        pubsub.subscribe("news");
        pubsub.subscribe("news");
        pubsub.broadcast("news", "twice");
        assertReceive(m -> m.equals("twice") ? m : null);
        assertReceive(m -> m.equals("twice") ? m : null);
        expectHeard(listener, "twice");
        pubsub.unsubscribe("news");

        listener.send("unsubscribe");
        assertReceive(m -> m instanceof Subscribed s && s.pid() == null ? s : null);
        assertThat(pubsub.subscribers("news")).isEmpty();
        pubsub.broadcast("news", "unheard");
        refuteHeard(listener);
        refuteReceive(QUIET, m -> m.equals("unheard") ? m : null);
        kill(listener);
        pubsub.stop();
    }

    @Test
    void aSubscriberThatDiesIsRemovedAndTheOthersStillHearBroadcasts() {
        var pubsub = PubSub.of("ps_death", 4, PubSubAdapter.LOCAL);
        pubsub.startLink().orElseThrow();
        var listeners = new ArrayList<Pid>();
        for (int i = 0; i < 10; i++) {
            listeners.add(listener(pubsub, "alerts"));
        }
        var dead = listeners.remove(3);
        kill(dead);
        assertThat(pubsub.subscribers("alerts")).hasSize(9).doesNotContain(dead);

        pubsub.broadcast("alerts", "still here?");
        for (var listener : listeners) {
            expectHeard(listener, "still here?");
        }
        for (var listener : listeners) {
            kill(listener);
        }
        assertThat(pubsub.subscribers("alerts")).isEmpty();
        pubsub.stop();
    }

    @Test
    void theAdapterForwardsBroadcastsButNotLocalOnes() {
        var forwarded = new CopyOnWriteArrayList<Forwarded>();
        var pubsub = PubSub.of("ps_adapter", 1, (topic, message, from) -> forwarded.add(new Forwarded(topic, message, from)));
        pubsub.startLink().orElseThrow();
        var listener = listener(pubsub, "t");
        pubsub.broadcast("t", "one");
        pubsub.broadcastFrom(Processes.self(), "t", "two");
        pubsub.localBroadcast("t", "three");
        pubsub.localBroadcastFrom(listener, "t", "four");
        expectHeard(listener, "one");
        expectHeard(listener, "two");
        expectHeard(listener, "three");
        refuteHeard(listener);
        assertThat(forwarded).containsExactly(new Forwarded("t", "one", Optional.empty()),
                new Forwarded("t", "two", Optional.of(Processes.self())));
        kill(listener);
        pubsub.stop();
    }

    @Test
    void aPubSubRunsUnderASupervisorAndRefusesUseWhenStopped() {
        var pubsub = PubSub.of("ps_supervised");
        var root = Supervisor.startLink(List.of(pubsub.childSpec())).orElseThrow();
        pubsub.subscribe("x");
        pubsub.broadcast("x", "supervised");
        assertReceive(m -> m.equals("supervised") ? m : null);
        pubsub.unsubscribe("x");
        Supervisor.stop(root);

        assertThatThrownBy(() -> pubsub.broadcast("x", "nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ps_supervised");
        assertThatThrownBy(() -> pubsub.subscribe("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(pubsub::stop).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A broadcaster keeps its carrier for a time slice only (BroadcastSlice): with every carrier
     * taken by a process that broadcasts in a loop and never waits, another process still runs.
     * Virtual threads are not preempted, so without the slice the last process would never run.
     */
    @Test
    void processesThatBroadcastWithoutEverWaitingDoNotStarveOthers() {
        var pubsub = PubSub.of("ps_fairness");
        pubsub.startLink().orElseThrow();
        // A subscriber that is never scheduled to take its messages would only grow; this one
        // drains them, and the broadcasts to the empty topic cost a unit of the slice each too.
        var drain = Processes.spawn(() -> {
            pubsub.subscribe("busy:1");
            for (;;) {
                Processes.receive();
            }
        });
        var busy = new ArrayList<Pid>();
        for (int i = 0; i <= Runtime.getRuntime().availableProcessors(); i++) {
            var topic = i == 0 ? "busy:1" : "nobody:" + i;
            busy.add(Processes.spawn(() -> {
                for (;;) {
                    pubsub.broadcast(topic, "again");
                    Processes.checkExit(); // so that the test can stop it: a CPU loop ignores kill otherwise
                }
            }));
        }
        var test = Processes.self();
        Processes.spawn(() -> test.send("ran"));

        Object answer = Processes.receive(Duration.ofSeconds(10), m -> m.equals("ran") ? m : null);

        for (var pid : busy) {
            kill(pid);
        }
        kill(drain);
        pubsub.stop();
        assertThat(answer).isEqualTo("ran");
    }
}
