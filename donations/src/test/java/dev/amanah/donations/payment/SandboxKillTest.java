package dev.amanah.donations.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.finance.money.Money;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox stands for a provider outside the service: its records must survive a
 * {@code kill -9} of the JVM it runs in. A child JVM charges keys (each by two processes at once)
 * until it is killed at several points; then every charge it acknowledged is found with the same
 * id, no key is charged twice, and charging every key again charges none twice.
 */
class SandboxKillTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after {0} acknowledged charges")
    @ValueSource(ints = {1, 40, 300})
    void acknowledgedChargesSurviveAKillAndNoKeyIsChargedTwice(int killAfter) throws Exception {
        var journal = dir.resolve("sandbox.journal");
        var java = ProcessHandle.current().info().command().orElseThrow();
        var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SandboxChargeLoop.class.getName(), journal.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var acknowledged = new HashMap<String, String>();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while (acknowledged.size() < killAfter) {
                var line = out.readLine();
                assertThat(line).as("the child ended before %d acknowledgements", killAfter).isNotNull();
                put(acknowledged, line);
            }
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor()).isNotZero();
            for (String line; (line = out.readLine()) != null; ) {
                put(acknowledged, line);   // printed before the kill, still in the pipe
            }
        } finally {
            child.destroyForcibly();
        }

        var counts = SandboxGateway.readChargeCounts(journal);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        try (var sandbox = SandboxGateway.open(journal, SandboxConfig.RELIABLE, new RecordingSleeper())) {
            acknowledged.forEach((key, chargeId) ->
                    assertThat(sandbox.lookup(key)).isEqualTo(new Found(key, new Charged(chargeId, Money.of("5.00", "USD")))));
            int highest = counts.keySet().stream().mapToInt(k -> Integer.parseInt(k.substring(4))).max().orElse(0);
            for (int i = 0; i <= highest + 16; i++) {
                var key = "key-" + i;
                var again = sandbox.charge(new ChargeRequest(key, Money.of("5.00", "USD"), "tok_visa", "donor"));
                assertThat(again).isInstanceOf(Charged.class);
                if (acknowledged.containsKey(key)) {
                    assertThat(((Charged) again).chargeId()).isEqualTo(acknowledged.get(key));
                }
            }
            assertThat(sandbox.chargeCounts().values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
            assertThat(sandbox.chargeCounts()).hasSize(highest + 17);
        }
    }

    private static void put(Map<String, String> acknowledged, String line) {
        var fields = List.of(line.split(" "));
        assertThat(fields).hasSize(3).first().isEqualTo("ack");
        var previous = acknowledged.putIfAbsent(fields.get(1), fields.get(2));
        // Both processes charging a key must have been told the same charge.
        assertThat(previous).isIn(null, fields.get(2));
    }
}
