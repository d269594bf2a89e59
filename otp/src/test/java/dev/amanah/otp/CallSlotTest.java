package dev.amanah.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A process receives the answers of all its calls in one reused {@link PendingCall}: an answer
 * meant for one call must never complete another, and every outcome still reaches the call it
 * belongs to.
 */
@InProcess.Tests
class CallSlotTest {
    record Ask(ReplyTo to, String what) {}

    private static final Duration LONG = Duration.ofSeconds(10);

    /** A server that keeps the first request's ReplyTo and answers it only while serving the second. */
    @Test
    void aLateReplySentDuringTheNextCallDoesNotAnswerIt() {
        var lateDelivered = new AtomicReference<Boolean>();
        var server = Processes.spawn(() -> {
            var first = Processes.receive(m -> m instanceof Ask a ? a : null);
            var second = Processes.receive(m -> m instanceof Ask a ? a : null);
            lateDelivered.set(Processes.reply(first.to(), "late"));
            Processes.reply(second.to(), "fresh:" + second.what());
        });
        var timedOut = catchThrowableOfType(ExitException.class,
                () -> Processes.request(server, to -> new Ask(to, "first"), Duration.ofMillis(20)));
        assertThat(timedOut.reason()).isEqualTo(ExitReason.TIMEOUT);
        assertThat(Processes.request(server, to -> new Ask(to, "second"), LONG)).isEqualTo("fresh:second");
        assertThat(lateDelivered.get()).isFalse();
    }

    @Test
    void aServerMayAnswerWithTheCallsOwnTagOrWithNull() {
        var server = Processes.spawn(() -> {
            for (;;) {
                var ask = Processes.receive(m -> m instanceof Ask a ? a : null);
                Processes.reply(ask.to(), ask.what().equals("tag") ? ask.to().tag() : null);
            }
        });
        var tag = new AtomicReference<Ref>();
        var answer = Processes.request(server, to -> {
            tag.set(to.tag());
            return new Ask(to, "tag");
        }, LONG);
        assertThat(answer).isSameAs(tag.get());
        assertThat(Processes.request(server, to -> new Ask(to, "null"), LONG)).isNull();
        assertThat(Processes.request(server, to -> new Ask(to, "tag"), LONG)).isInstanceOf(Ref.class);
        Processes.exit(server, ExitReason.KILL);
    }

    @Test
    void aServerThatDiedBetweenCallsIsNoprocAndOneThatDiesDuringACallFailsIt() {
        var boom = ExitReason.of("boom");
        var first = Processes.spawn(() -> {
            var ask = Processes.receive(m -> m instanceof Ask a ? a : null);
            Processes.reply(ask.to(), "ok");
            Processes.receive(m -> "die".equals(m) ? m : null);
            throw new ExitException(boom);
        });
        assertThat(Processes.request(first, to -> new Ask(to, "one"), LONG)).isEqualTo("ok");
        var watch = Processes.monitor(first);
        first.send("die");
        Processes.receive(m -> m instanceof Down d && d.ref() == watch ? d : null);
        var noproc = catchThrowableOfType(ExitException.class,
                () -> Processes.request(first, to -> new Ask(to, "two"), LONG));
        assertThat(noproc.reason()).isEqualTo(ExitReason.NOPROC);

        var second = Processes.spawn(() -> {
            Processes.receive(m -> m instanceof Ask a ? a : null);
            throw new ExitException(boom);
        });
        var died = catchThrowableOfType(ExitException.class,
                () -> Processes.request(second, to -> new Ask(to, "three"), LONG));
        assertThat(died.reason()).isEqualTo(boom);
        // The slot serves the next call as ever.
        var third = Processes.spawn(() -> {
            var ask = Processes.receive(m -> m instanceof Ask a ? a : null);
            Processes.reply(ask.to(), "again");
        });
        assertThat(Processes.request(third, to -> new Ask(to, "four"), LONG)).isEqualTo("again");
    }
}
