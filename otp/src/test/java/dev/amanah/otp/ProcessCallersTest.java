package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.testing.InProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A process's {@code $callers}: recorded by the process itself, seen by it alone. */
@InProcess.Tests
class ProcessCallersTest {
    record Seen(List<Pid> callers) {}

    @Test
    void aProcessSeesTheCallersItRecordedAndNoneBefore() {
        var self = Processes.self();
        var spawned = Processes.spawnMonitor(() -> {
            self.send(new Seen(Processes.callers()));
            var chain = new ArrayList<>(List.of(self, Processes.self()));
            Processes.putCallers(chain);
            chain.clear(); // what was recorded is a copy
            self.send(new Seen(Processes.callers()));
        });
        Seen before = assertReceive(m -> m instanceof Seen seen ? seen : null);
        Seen after = assertReceive(m -> m instanceof Seen seen ? seen : null);
        assertThat(before.callers()).isEmpty();
        assertThat(after.callers()).containsExactly(self, spawned.pid());
        // Another process does not see them.
        assertThat(Processes.callers()).isEmpty();
    }

    @Test
    void aProcessSpawnedWithCallersSeesThemFromItsFirstInstruction() {
        var self = Processes.self();
        var elder = Processes.spawn(() -> Processes.receive());
        var started = Processes.spawnLinkMonitor(List.of(self, elder),
                ref -> () -> self.send(new Seen(Processes.callers())));
        var none = Processes.spawnLinkMonitor(null, ref -> () -> self.send(new Seen(Processes.callers())));
        Seen first = assertReceive(m -> m instanceof Seen seen ? seen : null);
        Seen second = assertReceive(m -> m instanceof Seen seen ? seen : null);
        // Either may run first: one saw both callers, the other none.
        assertThat(List.of(first.callers(), second.callers())).containsExactlyInAnyOrder(List.of(self, elder), List.of());
        assertReceive(m -> m instanceof Down down && down.ref() == started.ref() ? down : null);
        assertReceive(m -> m instanceof Down down && down.ref() == none.ref() ? down : null);
        elder.send("stop");
    }

    @Test
    void aThreadThatIsNoProcessHasNoCallersAndNullsAreRefused() throws Exception {
        var seen = new CompletableFuture<List<Pid>>();
        Thread.ofPlatform().start(() -> seen.complete(Processes.callers())).join();
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> Processes.putCallers(Arrays.asList(Processes.self(), null)))
                .isInstanceOf(NullPointerException.class);
    }
}
