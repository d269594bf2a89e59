package dev.amanah.donations.cli;

import static dev.amanah.otp.testing.MailboxAssertions.assertReceive;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.config.ConfigLoader;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.service.StuckServer;
import dev.amanah.otp.Down;
import dev.amanah.otp.Processes;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.InProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Ctrl-C on {@code amanah serve} prints as it stops ({@link ServeCommand#stop}): that the
 * running requests drained, or that the drain was cut short and which processes were still alive.
 * The command's standard error must say it: the log's ERROR line is written in the JVM's shutdown,
 * after java.util.logging may have reset its handlers in its own shutdown hook.
 */
@InProcess.Tests
class ServeStopTest {
    @TempDir
    Path dir;

    private AmanahService start() {
        return AmanahService.start(ConfigLoader.load(Optional.empty(), Map.of(
                "AMANAH_DATABASE_DATA_DIR", dir.toString(),
                "AMANAH_HTTP_HOST", "127.0.0.1",
                "AMANAH_HTTP_PORT", "0",
                "AMANAH_TIMEOUTS_SHUTDOWN", "300ms")), Clock.systemUTC());
    }

    private static String stop(AmanahService service) {
        var err = new ByteArrayOutputStream();
        ServeCommand.stop(service, new PrintStream(err, true, UTF_8));
        return err.toString(UTF_8);
    }

    @Test
    void a_stop_cut_short_says_so_and_names_the_processes_still_alive() {
        var release = new CountDownLatch(1);
        var service = start();
        Supervisor.startChild(service.supervisor(), StuckServer.childSpec(Processes.self(), release));
        var stuck = Processes.whereis(StuckServer.NAME).orElseThrow();
        var stuckEnded = Processes.monitor(stuck);
        try {
            var lines = stop(service).lines().toList();

            assertThat(lines.getFirst()).startsWith("amanah: stopped, but the drain was cut short:")
                    .contains("within timeouts.shutdown (300ms)", "killed", "finished at the next start");
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("  " + stuck + " name=" + StuckServer.NAME)
                            .contains(StuckServer.class.getName() + ".terminate"))
                    .noneMatch(line -> line.contains("drained"));
        } finally {
            release.countDown();
        }
        assertReceive(message -> message instanceof Down down && down.ref().equals(stuckEnded) ? down : null);
    }

    @Test
    void a_stop_that_drains_says_the_running_requests_drained() {
        assertThat(stop(start())).isEqualTo("amanah: stopped (running requests drained)" + System.lineSeparator());
    }
}
