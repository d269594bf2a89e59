package dev.amanah.examples.messaging;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.otp.testing.MailboxAssertions.assertReceiveEquals;
import static dev.amanah.examples.testing.Signals.kill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.examples.testing.CapturedIO;
import dev.amanah.examples.testing.Leaks;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class PubSubTest {
    private static List<Pid> subscribersOf(Pid broker) {
        return Processes.info(broker).orElseThrow().monitors();
    }

    @Test
    void aSubscriberGetsEveryDonationPublishedAfterSubscribeReturns() {
        var leaks = Leaks.baseline();
        var broker = PubSub.startLink();
        var self = Processes.self();
        var publisher = Processes.spawn(() -> {
            Processes.receive(m -> m.equals("go") ? m : null);
            PubSub.publishDonation("don-1");
            PubSub.publishDonation("don-2");
        });
        PubSub.subscribe();
        publisher.send("go"); // another process publishes: subscribe has already taken effect
        assertReceiveEquals(new PubSub.Event(PubSub.DONATION_CREATED, "don-1"));
        assertReceiveEquals(new PubSub.Event(PubSub.DONATION_CREATED, "don-2"));
        assertThat(subscribersOf(broker)).containsExactly(self);
        kill(broker);
        leaks.assertNoneLeft();
    }

    @Test
    void subscribingTwiceDeliversEachEventOnce() {
        var broker = PubSub.startLink();
        PubSub.subscribe();
        PubSub.subscribe();
        PubSub.publishDonation("don-1");
        assertReceiveEquals(new PubSub.Event(PubSub.DONATION_CREATED, "don-1"));
        // A round trip through the broker: a duplicate would be queued before its answer.
        PubSub.subscribe();
        assertMailboxEmpty();
        kill(broker);
    }

    @Test
    void aSubscriberThatDiesIsForgottenAndOtherMessagesAreDropped() {
        var broker = PubSub.startLink();
        var listener = Processes.spawn(() -> {
            PubSub.subscribe();
            Processes.receive();
        });
        Leaks.await(() -> subscribersOf(broker).contains(listener), "the listener to subscribe");
        kill(listener);
        broker.send("noise");
        PubSub.subscribe(); // a round trip: the DOWN and the noise were handled before it
        assertThat(subscribersOf(broker)).containsExactly(Processes.self());
        assertThat(Processes.info(broker).orElseThrow().messageQueueLen()).isZero();
        kill(broker);
    }

    @Test
    void theListenerPrintsDonationsAndOtherMessages() {
        var leaks = Leaks.baseline();
        try (var io = CapturedIO.start()) {
            var broker = PubSub.startLink();
            var listener = Processes.spawn(Listener::startListening);
            Leaks.await(() -> subscribersOf(broker).contains(listener), "the listener to subscribe");
            PubSub.publishDonation("don-42");
            io.awaitLine(line -> line.equals("New donation: don-42"));
            listener.send("hello");
            io.awaitLine(line -> line.equals("Other message: hello"));
            assertThat(io.lines()).containsExactly("New donation: don-42", "Other message: hello");
            kill(listener);
                kill(broker);
        }
        leaks.assertNoneLeft();
    }
}
