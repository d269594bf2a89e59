package dev.amanah.otp;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class SmokeTest {
    record Ping(Pid from, int n) {}

    @Test
    void pingPong() {
        var echo = Processes.spawn(() -> {
            for (;;) {
                if (Processes.receive() instanceof Ping(var from, var n)) {
                    from.send(n + 1);
                }
            }
        });
        var self = Processes.self();
        for (int i = 0; i < 10_000; i++) {
            echo.send(new Ping(self, i));
            assertThat(Processes.receive(Duration.ofSeconds(5))).isEqualTo(i + 1);
        }
        var ref = Processes.monitor(echo);
        Processes.exit(echo, ExitReason.KILL);
        var down = assertReceive(m -> m instanceof Down d && d.ref() == ref ? d : null);
        assertThat(down.reason()).isEqualTo(ExitReason.KILLED);
        assertThat(echo.isAlive()).isFalse();
        var answer = Processes.request(Processes.spawn(() -> {
            var r = Processes.receive(m -> m instanceof ReplyTo rt ? rt : null);
            Processes.reply(r, "hi");
        }), rt -> rt, Duration.ofSeconds(1));
        assertThat(answer).isEqualTo("hi");
    }
}
