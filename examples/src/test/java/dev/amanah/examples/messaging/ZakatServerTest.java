package dev.amanah.examples.messaging;

import static dev.amanah.otp.testing.MailboxAssertions.assertMailboxEmpty;
import static dev.amanah.examples.testing.Signals.awaitExit;
import static dev.amanah.examples.testing.Signals.kill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.examples.Result;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import org.junit.jupiter.api.Test;

@InProcess.Tests
class ZakatServerTest {
    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void answersCalculationsAndCountsThem() {
        var server = ZakatServer.startLink();
        assertThat(Processes.whereis(ZakatServer.NAME)).contains(server);
        assertThat(ZakatServer.calculate(usd("10000"), usd("5000"))).isEqualTo(Result.ok(usd("250")));
        assertThat(ZakatServer.calculate(usd("4000"), usd("5000"))).isEqualTo(Result.ok(usd("0")));
        assertThat(ZakatServer.getStats()).isEqualTo(Result.ok(new ZakatServer.State(2)));
        assertMailboxEmpty();
        Processes.trapExits(true);
        ZakatServer.stop();
        assertThat(awaitExit(server))
                .isEqualTo(ExitReason.NORMAL);
    }

    @Test
    void unknownMessagesAreDroppedNotLeftInTheServersMailbox() {
        var server = ZakatServer.startLink();
        server.send("noise");
        assertThat(ZakatServer.getStats()).isEqualTo(Result.ok(new ZakatServer.State(0)));
        assertThat(Processes.info(server).orElseThrow().messageQueueLen()).isZero();
        kill(server);
    }

    @Test
    void withoutAServerTheCallIsAnErrorNotAWait() {
        assertThat(ZakatServer.calculate(usd("1"), usd("1"))).isEqualTo(Result.error(ExitReason.NOPROC));
    }

    @Test
    void aServerThatDiesDuringTheCallIsAnErrorWithItsReasonAtOnce() {
        Processes.trapExits(true); // the server is linked to us and is about to crash
        var server = ZakatServer.startLink();
        var result = ZakatServer.calculate(usd("10000"), Money.of("5000", "EUR"));
        assertThat(result).isInstanceOfSatisfying(Result.Error.class,
                error -> assertThat(error.reason()).isInstanceOf(ExitReason.Crash.class));
        assertThat(awaitExit(server))
                .isInstanceOf(ExitReason.Crash.class);
        assertMailboxEmpty(); // no stray reply, no DOWN from the request's monitor
    }

    @Test
    void aTakenNameFailsTheStartAndLeavesNoServerRunning() {
        var holder = ZakatServer.startLink();
        var before = Processes.list();
        assertThatThrownBy(ZakatServer::startLink).isInstanceOf(IllegalArgumentException.class);
        assertThat(Processes.list()).allMatch(before::contains);
        assertThat(Processes.whereis(ZakatServer.NAME)).contains(holder);
        kill(holder);
    }
}
