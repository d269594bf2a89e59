package dev.amanah.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The side-by-side benchmark harness: runs the named scenarios on every runtime in one JVM and
 * prints a Markdown table of medians with ratios; also writes it, with the machine and
 * parameters, to a file. Started by {@code bench/run}, which finds a JDK and builds the classpath.
 *
 * <pre>
 * usage: Bench [--quick] [--reps N] [--out FILE] (--all | SCENARIO...)
 *   no scenario: list the scenarios
 *   --all       run every scenario
 *   --quick     divide counts by 10 (a smoke run)
 *   --reps N    measured repetitions per runtime, default 5 (after one warm-up)
 *   --out FILE  where to write the report, default bench/results/latest.md
 * </pre>
 * Exits with status 1 if a workload fails its own check or leaves something running, 2 on a
 * usage error.
 */
public final class Bench {
    private Bench() {
    }

    /** Runs the harness; see the class documentation for the arguments. */
    public static void main(String[] args) throws Exception {
        var scale = Scale.FULL;
        int repetitions = 5;
        var out = Path.of("bench/results/latest.md");
        var chosen = new ArrayList<Scenario>();
        boolean all = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.QUICK;
                case "--all" -> all = true;
                case "--reps" -> repetitions = Integer.parseInt(value(args, ++i, "--reps"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                default -> {
                    var name = args[i];
                    chosen.add(Scenarios.named(name).orElseGet(() -> usage("unknown scenario: " + name)));
                }
            }
        }
        if (all) {
            chosen = new ArrayList<>(Scenarios.all());
        }
        if (chosen.isEmpty()) {
            listScenarios();
            return;
        }
        if (repetitions < 1) {
            usage("--reps must be at least 1");
        }
        var runner = new Runner(scale, repetitions, System.err);
        List<Results> results;
        try {
            results = runner.run(chosen);
        } catch (BenchmarkFailure failure) {
            System.err.println("BENCHMARK FAILED: " + failure.getMessage());
            failure.printStackTrace();
            System.exit(1);
            return;
        }
        var document = Report.document(results, runner, Machine.current(), ZonedDateTime.now());
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, document);
        System.out.println(Report.table(results));
        System.out.println("Report written to " + out.toAbsolutePath());
        // Pekko and the runtime's timer thread are daemon threads or terminated; exit explicitly
        // all the same, so a stray non-daemon thread cannot keep the JVM alive.
        System.exit(0);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            usage(option + " needs a value");
        }
        return args[index];
    }

    private static void listScenarios() {
        System.out.println("Scenarios (bench/run NAME... | --all, with --quick for a smoke run):");
        for (var scenario : Scenarios.all()) {
            System.out.printf("  %-14s %s%n", scenario.name(), scenario.description());
        }
    }

    private static <T> T usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: bench/run [--quick] [--reps N] [--out FILE] (--all | SCENARIO...)");
        listScenarios();
        System.exit(2);
        return null;
    }
}
