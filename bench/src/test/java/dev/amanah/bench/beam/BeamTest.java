package dev.amanah.bench.beam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Counts;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's side of the protocol with the Elixir twins, and (when the BEAM is installed) a real twin. */
class BeamTest {
    private static final Path SCRIPTS = Path.of("beam");

    @Test
    void groupsSamplesByRepetitionAndIgnoresOtherLines() {
        var lines = List.of(
                "some progress line",
                "sample\t1\t/s\t1000.5\tping-pong: 1M round trips (round trips/s)",
                "sample\t1\tbytes\t2600\theap per idle process (bytes)",
                "sample\t2\t/s\t2000\tping-pong: 1M round trips (round trips/s)",
                "sample\t2\tbytes\t2700\theap per idle process (bytes)");

        var repetitions = Beam.parse(lines, 2);

        var rate = new Metric("ping-pong: 1M round trips (round trips/s)", Metric.Unit.PER_SECOND);
        var heap = new Metric("heap per idle process (bytes)", Metric.Unit.BYTES);
        assertThat(repetitions).containsExactly(
                List.of(new Sample(rate, 1000.5), new Sample(heap, 2600)),
                List.of(new Sample(rate, 2000), new Sample(heap, 2700)));
    }

    @Test
    void aMissingRepetitionOrAnUnknownUnitFailsTheRun() {
        var one = List.of("sample\t1\tms\t12.5\tspawn 1M, until all wait in receive (ms)");
        assertThatThrownBy(() -> Beam.parse(one, 2)).isInstanceOf(BenchmarkFailure.class)
                .hasMessageContaining("1 repetitions of 2");
        assertThatThrownBy(() -> Beam.parse(List.of("sample\t1\tfurlongs\t1\tx"), 1))
                .isInstanceOf(BenchmarkFailure.class).hasMessageContaining("unknown unit");
        assertThatThrownBy(() -> Beam.parse(List.of("sample\t1\t/s"), 1))
                .isInstanceOf(BenchmarkFailure.class).hasMessageContaining("malformed");
    }

    @Test
    void flagsAreTheJvmsCoresAsSchedulersPlusTheScriptsOwn(@TempDir Path dir) throws Exception {
        var script = dir.resolve("x.exs");
        Files.writeString(script, "# beam-flags: +P 4000000\n# another comment\nIO.puts(1)\n");
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(Beam.flags(script)).isEqualTo("+S " + cores + ":" + cores + " +P 4000000");
    }

    @Test
    void theTwinsLabelCountsAsTheJavaRowsDo() throws Exception {
        requireBeam();
        int[] counts = {1, 999, 1_000, 10_000, 99_999, 100_000, 123_000, 1_000_000, 2_500_000, 10_000_000};
        var list = IntStream.of(counts).mapToObj(Integer::toString).collect(Collectors.joining(","));
        var process = new ProcessBuilder("elixir", "-e", "Code.require_file(\"beam_bench.exs\", \"" + SCRIPTS
                + "\"); for n <- [" + list + "], do: IO.puts(BeamBench.label(n))").redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(output.lines().toList())
                .containsExactlyElementsOf(IntStream.of(counts).mapToObj(Counts::label).toList());
    }

    @Test
    void runsATwinAndReadsOneRowPerRepetition() throws Exception {
        requireBeam();
        var log = new ByteArrayOutputStream();

        var run = Beam.run(SCRIPTS.resolve("spawn.exs"), 1, 2, 1_000, 1,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(run.repetitions()).hasSize(2).allSatisfy(samples -> {
            assertThat(samples).extracting(sample -> sample.metric().label()).containsExactly(
                    "spawn 1,000, until all wait in receive (ms)",
                    "spawn 1,000: send each its message, until all ended (ms)",
                    "heap per idle process (bytes)");
            assertThat(samples).allSatisfy(sample -> assertThat(sample.value()).isPositive());
        });
        assertThat(run.flags()).endsWith("+P 4000000");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("spawn: warm-up: spawn 1,000, until all wait");
    }

    @Test
    void theWarmUpRunsAtTheCountsDividedByTheWarmUpDivisor() throws Exception {
        requireBeam();
        var log = new ByteArrayOutputStream();

        var run = Beam.run(SCRIPTS.resolve("spawn.exs"), 1, 1, 1_000, 10,
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(log.toString(StandardCharsets.UTF_8)).contains("spawn: warm-up (1/10): spawn 100, until all wait");
        assertThat(run.repetitions()).singleElement().satisfies(samples -> assertThat(samples)
                .extracting(sample -> sample.metric().label()).contains("spawn 1,000, until all wait in receive (ms)"));
    }

    @Test
    void aWarmUpDivisorBelowOneIsRefused() {
        assertThatThrownBy(() -> Beam.run(SCRIPTS.resolve("spawn.exs"), 1, 1, 0, 0,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warmUpDivisor must be at least 1");
    }

    @Test
    void aTwinWhoseCheckFailsFailsTheRun(@TempDir Path dir) throws Exception {
        requireBeam();
        Files.copy(SCRIPTS.resolve("beam_bench.exs"), dir.resolve("beam_bench.exs"));
        var script = dir.resolve("wrong.exs");
        Files.writeString(script, """
                Code.require_file("beam_bench.exs", __DIR__)
                BeamBench.run("wrong", fn _ ->
                  BeamBench.check!(1 + 1 == 3, fn -> "wrong: the total does not add up" end)
                  []
                end)
                """);

        assertThatThrownBy(() -> Beam.run(script, 1, 1, 0, 1, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)))
                .isInstanceOf(BenchmarkFailure.class).hasMessageContaining("wrong: the total does not add up");
    }

    /**
     * Skips the test where the BEAM is not installed, except on CI ({@code CI=true}), which installs
     * it (.ci/run) and where a missing BEAM must fail rather than let the twins go untested.
     */
    private static void requireBeam() {
        if (Beam.installation().isPresent()) {
            return;
        }
        var missing = "the BEAM is not installed: run `bench/run --install-beam` (apt-get install elixir)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("on CI the BEAM twins' tests must run, but " + missing);
        }
        Assumptions.abort(missing);
    }
}
