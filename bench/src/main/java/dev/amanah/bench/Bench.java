package dev.amanah.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The side-by-side benchmark harness: runs the named scenarios on every runtime in one JVM and
 * prints a Markdown table of medians with ratios; also writes it, with the machine and
 * parameters, to a file. Started by {@code bench/run}, which finds a JDK and builds the classpath.
 *
 * <pre>
 * usage: Bench [--quick] [--reps N] [--out FILE] [--only RUNTIMES] [--curves | --curve NAME]... (--all | SCENARIO...)
 *   no scenario: list the scenarios
 *   --all       run every scenario and every scaling curve; unless --reps is given, with the first
 *               warm-up at a tenth of the counts, 2 measured repetitions per scenario (up to 7 while
 *               its repetitions take under 3 s: see Repetitions) and 1 per curve point, so that the
 *               whole report takes under 15 minutes on 2 cores
 *   --curves    run every scaling curve (ring, spawn, pubsub_fanout at several N; PNGs beside the report)
 *   --curve N   run the scaling curve N
 *   --quick     divide counts by 10 (a smoke run)
 *   --reps N    measured repetitions per runtime, default 5 (after the warm-up, see WarmUp)
 *   --out FILE  where to write the report, default bench/results/latest.md
 *   --only A,B  run only these runtimes (amanah, floor_mpsc, floor_ltq, pekko, beam), e.g. to profile one
 * </pre>
 * Exits with status 1 if a workload fails its own check or leaves something running, 2 on a
 * usage error.
 */
public final class Bench {
    /** Measured repetitions per scenario of {@code --all} without {@code --reps}, at least. */
    static final int ALL_REPETITIONS = 2;
    /** Measured repetitions per curve point of {@code --all} without {@code --reps}. */
    static final int ALL_CURVE_REPETITIONS = 1;

    private Bench() {
    }

    /** Runs the harness; see the class documentation for the arguments. */
    public static void main(String[] args) throws Exception {
        var scale = Scale.FULL;
        int repetitions = 5;
        boolean repetitionsGiven = false;
        var out = Path.of("bench/results/latest.md");
        var chosen = new ArrayList<Scenario>();
        var curves = new ArrayList<Curve>();
        boolean all = false;
        Set<Contender> only = EnumSet.allOf(Contender.class);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> scale = Scale.QUICK;
                case "--all" -> all = true;
                case "--reps" -> {
                    repetitions = Integer.parseInt(value(args, ++i, "--reps"));
                    repetitionsGiven = true;
                }
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> only = contenders(value(args, ++i, "--only"));
                case "--curves" -> curves = new ArrayList<>(Curves.all());
                case "--curve" -> {
                    var name = value(args, ++i, "--curve");
                    curves.add(Curves.named(name).orElseGet(() -> usage("unknown curve: " + name)));
                }
                default -> {
                    var name = args[i];
                    chosen.add(Scenarios.named(name).orElseGet(() -> usage("unknown scenario: " + name)));
                }
            }
        }
        if (all) {
            chosen = new ArrayList<>(Scenarios.all());
            curves = new ArrayList<>(Curves.all());
        }
        if (chosen.isEmpty() && curves.isEmpty()) {
            listScenarios();
            return;
        }
        if (repetitions < 1) {
            usage("--reps must be at least 1");
        }
        var outProblem = outProblem(out);
        if (outProblem != null) {
            usage(outProblem);
        }
        // The full report's budget: 15 minutes on 2 cores. Last measured with 1 full-size warm-up
        // + 3 repetitions everywhere it took 29; the first warm-up at a tenth of the counts (and
        // the following ones too where a full-size run is expensive) keeps a scenario's warm-up
        // near WarmUp's 4 s per runtime, and the curves (many points) get one repetition each. The
        // short scenarios' extra repetitions (Repetitions.ALL_BUDGET) add about 10 s.
        boolean budget = all && !repetitionsGiven;
        var runner = budget
                ? new Runner(scale, Repetitions.budgeted(ALL_REPETITIONS), ALL_CURVE_REPETITIONS,
                        WarmUp.of(WarmUp.DEFAULT_BUDGET, true), only, System.err)
                : new Runner(scale, Repetitions.exactly(repetitions), Runner.CURVE_REPETITIONS,
                        WarmUp.of(WarmUp.DEFAULT_BUDGET, false), only, System.err);
        List<Results> results;
        List<CurveResults> curveResults;
        try {
            results = runner.run(chosen);
            curveResults = runner.runCurves(curves);
        } catch (BenchmarkFailure failure) {
            System.err.println("BENCHMARK FAILED: " + failure.getMessage());
            failure.printStackTrace();
            System.exit(1);
            return;
        }
        var document = Report.document(results, curveResults, runner, Machine.current(), ZonedDateTime.now());
        var directory = out.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        for (var curve : curveResults) {
            System.out.println("Plot written to " + CurvePlot.write(curve, directory));
        }
        Files.writeString(out, document);
        if (!results.isEmpty()) {
            System.out.println(Report.table(results));
        }
        System.out.println(Report.curves(curveResults, runner.repetitionsPerPoint()));
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

    private static Set<Contender> contenders(String names) {
        var chosen = EnumSet.noneOf(Contender.class);
        for (var name : names.split(",")) {
            try {
                chosen.add(Contender.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                usage("unknown runtime for --only: " + name + " (one of " + Arrays.toString(Contender.values()) + ")");
            }
        }
        return chosen;
    }

    private static void listScenarios() {
        System.out.print(scenarioList());
    }

    /** What {@code bench/run} without arguments prints: every scenario and curve it accepts. */
    static String scenarioList() {
        var list = new StringBuilder("Scenarios (bench/run NAME... | --all, with --quick for a smoke run):\n");
        for (var scenario : Scenarios.all()) {
            list.append("  %-14s %s%n".formatted(scenario.name(), scenario.description()));
        }
        list.append("The donation service (bench/run NAME...: not in --all, minutes each, their own databases):\n");
        for (var scenario : Scenarios.onDemand()) {
            list.append("  %-14s %s%n".formatted(scenario.name(), scenario.description()));
        }
        list.append("Scaling curves (bench/run --curves | --curve NAME):\n");
        for (var curve : Curves.all()) {
            list.append("  %-14s %s, N = %s%n".formatted(curve.name(), curve.title(), curve.points()));
        }
        return list.toString();
    }

    /**
     * Why the report cannot be written to {@code out}, or null if it can; asked before anything
     * runs, so that a run of many minutes is not lost at its end.
     */
    static String outProblem(Path out) {
        if (Files.isDirectory(out)) {
            return "--out takes the report's file, not a folder: " + out + " is a folder (try "
                    + out.resolve("latest.md") + ")";
        }
        return null;
    }

    private static <T> T usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: bench/run [--quick] [--reps N] [--out FILE] [--only RUNTIMES] [--curves | --curve NAME]..."
                + " (--all | SCENARIO...)");
        listScenarios();
        System.exit(2);
        return null;
    }
}
