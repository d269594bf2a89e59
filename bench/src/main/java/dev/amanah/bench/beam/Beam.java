package dev.amanah.bench.beam;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.bench.Metric;
import dev.amanah.bench.Sample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The BEAM column: runs a scenario's Elixir twin, {@code bench/beam/<scenario>.exs}, in its own
 * BEAM and reads its samples.
 *
 * <p>Protocol with the scripts (the shared part lives in {@code bench/beam/beam_bench.exs}): the
 * harness starts
 * {@code elixir --erl "<flags>" <script> --divisor D --reps R --warm-up-divisor W [--size N]}; the
 * script runs one warm-up (its counts divided by W more) and R measured repetitions in that one BEAM
 * and prints one stdout line per sample, {@code sample<TAB>repetition<TAB>unit<TAB>value<TAB>label},
 * with the unit {@code /s}, {@code ms} or {@code bytes} and the same label as the Java row it pairs
 * with. It checks its own result and exits
 * with a non-zero status when one is wrong, which fails the run. The BEAM flags are {@code +S N:N}
 * with N the cores this JVM sees (both runtimes get the same cores), plus the script's own, given on
 * a line {@code # beam-flags: +P 2000000} at its top.
 *
 * <p>Blocking: {@link #run} waits for the script, at most {@link #PATIENCE}, and kills the BEAM
 * after that. Thread-safe: the installation is detected once.
 */
public final class Beam {
    /** How long one script may take, warm-up and repetitions together, before it is killed. */
    public static final Duration PATIENCE = Duration.ofMinutes(20);
    private static final String FLAGS_LINE = "# beam-flags:";
    private static final Optional<Installation> INSTALLATION = detect();

    private Beam() {
    }

    /**
     * What runs the scripts.
     *
     * @param otp    the Erlang/OTP release and runtime, e.g. "Erlang/OTP 25 [erts-13.1.5]"
     * @param elixir the Elixir version, e.g. "Elixir 1.14.0"
     */
    public record Installation(String otp, String elixir) {
        @Override
        public String toString() {
            return otp + ", " + elixir;
        }
    }

    /**
     * The samples of one script run.
     *
     * @param repetitions one list of samples per measured repetition, warm-up excluded
     * @param flags       the BEAM flags it ran with, e.g. {@code +S 2:2 +P 2000000}
     */
    public record Run(List<List<Sample>> repetitions, String flags) {
    }

    /** The installed BEAM, or empty when {@code elixir} is not on the PATH (or does not start). */
    public static Optional<Installation> installation() {
        return INSTALLATION;
    }

    /** Where the scripts are: {@code -Dbench.beam.dir}, set by {@code bench/run}, else {@code bench/beam}. */
    public static Path directory() {
        return Path.of(System.getProperty("bench.beam.dir", "bench/beam"));
    }

    /** The Elixir twin of the scenario {@code name}, if it has one. */
    public static Optional<Path> script(String name) {
        var script = directory().resolve(name + ".exs");
        return Files.isRegularFile(script) ? Optional.of(script) : Optional.empty();
    }

    /**
     * Runs {@code script} with one warm-up and {@code repetitions} measured repetitions, its counts
     * divided by {@code divisor}; {@code size}, when positive, replaces the script's main count (a
     * point of a scaling curve). The warm-up's counts (or size) are divided by
     * {@code warmUpDivisor} more: 1 warms up at the measured sizes. The script's progress goes to
     * {@code log}.
     *
     * @throws BenchmarkFailure         if the BEAM is not installed, the script fails its own check,
     *                                  exits with an error, prints no samples, or runs longer than
     *                                  {@link #PATIENCE}
     * @throws IllegalArgumentException if {@code warmUpDivisor} is below 1
     */
    public static Run run(Path script, int divisor, int repetitions, long size, int warmUpDivisor, PrintStream log)
            throws IOException, InterruptedException {
        if (warmUpDivisor < 1) {
            throw new IllegalArgumentException("warmUpDivisor must be at least 1, was " + warmUpDivisor);
        }
        if (INSTALLATION.isEmpty()) {
            throw new BenchmarkFailure("the BEAM is not installed (bench/run --install-beam)");
        }
        var flags = flags(script);
        var command = new ArrayList<>(List.of("elixir", "--erl", flags, script.toString(),
                "--divisor", Integer.toString(divisor), "--reps", Integer.toString(repetitions),
                "--warm-up-divisor", Integer.toString(warmUpDivisor)));
        if (size > 0) {
            command.addAll(List.of("--size", Long.toString(size)));
        }
        var stdout = Files.createTempFile("amanah-beam", ".out");
        var stderr = Files.createTempFile("amanah-beam", ".err");
        try {
            var process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new BenchmarkFailure(script.getFileName() + " on the BEAM: still running after " + PATIENCE);
            }
            var errors = Files.readString(stderr, StandardCharsets.UTF_8);
            errors.lines().forEach(line -> log.println("  beam: " + line));
            if (process.exitValue() != 0) {
                throw new BenchmarkFailure(script.getFileName() + " on the BEAM exited with status "
                        + process.exitValue() + ": " + lastLines(errors, 8));
            }
            var samples = parse(Files.readAllLines(stdout, StandardCharsets.UTF_8), repetitions);
            return new Run(samples, flags);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** The flags a script runs with: the same schedulers as this JVM has cores, plus its own. */
    static String flags(Path script) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        var flags = new StringBuilder("+S ").append(cores).append(':').append(cores);
        try (var lines = Files.lines(script, StandardCharsets.UTF_8)) {
            lines.limit(20).filter(line -> line.startsWith(FLAGS_LINE))
                    .forEach(line -> flags.append(' ').append(line.substring(FLAGS_LINE.length()).trim()));
        }
        return flags.toString();
    }

    /** Groups the sample lines by repetition, in order; other lines are ignored. */
    static List<List<Sample>> parse(List<String> lines, int repetitions) {
        var byRepetition = new TreeMap<Integer, List<Sample>>();
        for (var line : lines) {
            if (!line.startsWith("sample\t")) {
                continue;
            }
            var fields = line.split("\t", 5);
            BenchmarkFailure.check(fields.length == 5, () -> "the BEAM printed a malformed sample: " + line);
            var sample = new Sample(new Metric(fields[4], unit(fields[2], line)), Double.parseDouble(fields[3]));
            byRepetition.computeIfAbsent(Integer.parseInt(fields[1]), r -> new ArrayList<>()).add(sample);
        }
        BenchmarkFailure.check(byRepetition.size() == repetitions, () ->
                "the BEAM printed samples for " + byRepetition.size() + " repetitions of " + repetitions);
        return List.copyOf(byRepetition.values());
    }

    private static Metric.Unit unit(String symbol, String line) {
        return Arrays.stream(Metric.Unit.values()).filter(unit -> unit.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new BenchmarkFailure("the BEAM printed an unknown unit: " + line));
    }

    private static String lastLines(String text, int count) {
        var lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static Optional<Installation> detect() {
        try {
            var process = new ProcessBuilder("elixir", "--version").redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            // "Erlang/OTP 25 [erts-13.1.5] [source] [64-bit] ..." then "Elixir 1.14.0 (compiled with ...)".
            var otp = output.lines().filter(line -> line.startsWith("Erlang/OTP")).findFirst()
                    .map(line -> line.replaceFirst("^(Erlang/OTP \\S+ \\[erts-[^]]+]).*", "$1")).orElse("Erlang/OTP ?");
            var elixir = output.lines().filter(line -> line.startsWith("Elixir")).findFirst()
                    .map(line -> line.replaceFirst("^(Elixir \\S+).*", "$1")).orElse("Elixir ?");
            return Optional.of(new Installation(otp, elixir));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
