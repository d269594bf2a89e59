package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code serve} logs while it stops is written: java.util.logging's own shutdown hook reset
 * the log manager, closing its handlers, while the service's hook still stopped it, so its last
 * lines were lost. A JVM of its own ({@link ShutdownLogChild}), since the test is its exit.
 */
class ShutdownLogManagerTest {

    @Test
    void a_line_logged_in_a_shutdown_hook_after_java_util_loggings_own_hook_is_written() throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ShutdownLogChild.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err;
        try (var stderr = child.getErrorStream()) {
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            assertThat(ended).as("the child JVM ended").isTrue();
            err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as(err).isZero();
        assertThat(err).contains("event=started", "event=stopped");
    }
}
