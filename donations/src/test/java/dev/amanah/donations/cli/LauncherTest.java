package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./amanah} launcher, tested by {@code src/test/shell/launcher-test.sh} in a
 * scratch checkout with stand-ins for mvn and java (a second, no build): {@code mvn verify} runs it
 * here because the launcher builds and runs this module.
 */
class LauncherTest {
    @TempDir
    Path dir;

    /**
     * A command that rebuilt the jar rewrote it under an {@code amanah serve} running from it, which
     * then failed on the next class it loaded (NoClassDefFoundError at a request, in its shutdown).
     */
    @Test
    void aRunningServiceKeepsItsBuildWhileALaterCommandRebuildsAndAnUnusedBuildIsRemoved()
            throws IOException, InterruptedException {
        var output = dir.resolve("output.txt");
        var test = new ProcessBuilder("bash", "src/test/shell/launcher-test.sh", Path.of("..", "amanah").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(test.waitFor(60, TimeUnit.SECONDS)).as("the launcher's test ended").isTrue();
        } finally {
            test.descendants().forEach(ProcessHandle::destroyForcibly);
            test.destroyForcibly();
        }
        assertThat(test.exitValue()).as(Files.readString(output)).isZero();
    }
}
