package dev.amanah.bench;

import dev.amanah.bench.beam.Beam;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs scenarios: for each, warm-up runs per runtime as {@link WarmUp} decides, then the measured
 * repetitions ({@link Repetitions} says how many) round-robin across runtimes, forwards in odd
 * repetitions and backwards in even ones (so that drift during the run, such as heap growth, JIT
 * activity or the host's speed, spreads evenly over them, and no runtime always goes first;
 * {@link Results#ratio} pairs the runtimes' values of one repetition). Before every run it
 * collects garbage and checks that the previous run left nothing running.
 *
 * @param scale            sizes of the workloads
 * @param repetitions      measured repetitions per runtime, after the warm-up
 * @param curveRepetitions measured repetitions of each curve point, at most (and at most the
 *                         minimum of {@code repetitions}, with no budget): a curve has many points
 * @param warmUp           how long each runtime warms up on each scenario
 * @param only             the runtimes to run; the others show "—"
 * @param log              where progress goes (one line per run)
 */
record Runner(Scale scale, Repetitions repetitions, int curveRepetitions, WarmUp warmUp, Set<Contender> only,
              PrintStream log) {

    /** Measured repetitions of each curve point, at most, unless {@code --all} chooses fewer. */
    static final int CURVE_REPETITIONS = 3;

    /** Measured repetitions of each curve point. */
    int repetitionsPerPoint() {
        return Math.min(repetitions.minimum(), curveRepetitions);
    }

    List<Results> run(List<Scenario> scenarios) throws Exception {
        return scenarios.stream().map(this::runUnchecked).toList();
    }

    /**
     * Runs each curve's scenario at each of its points (divided as this runner's scale says) on
     * Amanah, the floor (VT+MPSC) and the BEAM, as far as {@code only} allows, with at most
     * {@link #curveRepetitions} measured repetitions per point.
     */
    List<CurveResults> runCurves(List<Curve> curves) {
        var runtimes = EnumSet.of(Contender.AMANAH, Contender.FLOOR_MPSC, Contender.BEAM);
        runtimes.retainAll(only);
        var all = new ArrayList<CurveResults>();
        for (var curve : curves) {
            var results = new CurveResults(curve);
            for (int n : curve.points(scale)) {
                var point = new Runner(Scale.point(n), Repetitions.exactly(repetitionsPerPoint()), curveRepetitions,
                        warmUp, runtimes, log);
                results.add(n, point.runUnchecked(curve.scenario()));
            }
            all.add(results);
        }
        return all;
    }

    private Results runUnchecked(Scenario scenario) {
        try {
            return run(scenario);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkFailure(scenario.name() + ": " + e);
        }
    }

    private Results run(Scenario scenario) throws Exception {
        long start = System.nanoTime();
        var results = new Results(scenario);
        var workloads = new EnumMap<>(scenario.workloads());
        workloads.keySet().retainAll(only);
        for (var entry : workloads.entrySet()) {
            var runs = new int[1];
            warmUp.warm(scenario.name(), entry.getKey(), scale, size -> {
                long begin = System.nanoTime();
                once(scenario, entry.getKey(), entry.getValue(), size, "warm-up " + ++runs[0]
                        + (size.equals(scale) ? "" : " (a tenth)"));
                return System.nanoTime() - begin;
            });
        }
        var forwards = List.copyOf(workloads.entrySet());
        var backwards = forwards.reversed();
        long measuring = System.nanoTime();
        for (int done = 0; repetitions.another(done, System.nanoTime() - measuring); done++) {
            int repetition = done + 1;
            for (var entry : repetition % 2 == 1 ? forwards : backwards) {
                results.add(entry.getKey(),
                        once(scenario, entry.getKey(), entry.getValue(), scale, repetitions.label(repetition)));
            }
        }
        if (only.contains(Contender.BEAM)) {
            beam(scenario, results);
        }
        results.elapsed(Duration.ofNanos(System.nanoTime() - start));
        return results;
    }

    /**
     * Runs the scenario's Elixir twin, when it has one and the BEAM is installed: one BEAM, its own
     * warm-up and the minimum number of repetitions (not interleaved with the JVM's: it is another
     * OS process, and the JVM idles meanwhile; its ratio is not paired, so more would not steady
     * it as much, and its short rows run 10-20 times longer than the JVM's).
     */
    private void beam(Scenario scenario, Results results) throws Exception {
        var script = Beam.script(scenario.name());
        if (script.isEmpty() || Beam.installation().isEmpty()) {
            return;
        }
        log.println(scenario.name() + (scale.isPoint() ? " at N = " + scale.point() : "") + " on the BEAM: "
                + script.get() + ", warm-up" + (warmUp.shortFirst() ? " (a tenth)" : "") + " + "
                + repetitions.minimum() + " runs");
        var run = Beam.run(script.get(), scale.divisor(), repetitions.minimum(), scale.point(),
                warmUp.beamWarmUpDivisor(), log);
        var jvmRows = results.metrics();
        run.repetitions().forEach(samples -> results.add(Contender.BEAM, samples));
        if (!jvmRows.isEmpty()) {
            // A twin's row pairs with a JVM row by its label: say so when one no longer matches.
            results.metrics().stream().filter(metric -> !jvmRows.contains(metric)).forEach(metric ->
                    log.println("  beam: the row \"" + metric.label() + "\" matches no JVM row: its own row"));
        }
        results.beamFlags(run.flags());
    }

    private List<Sample> once(Scenario scenario, Contender contender, Workload workload, Scale size, String which)
            throws Exception {
        String what = scenario.name() + (scale.isPoint() ? " at N = " + scale.point() : "") + " on "
                + contender.label() + ", " + which;
        Quiescence.await("before " + what);
        System.gc();
        var samples = workload.run(size);
        Quiescence.await(what);
        log.println(what + ": " + samples.stream().map(Report::describe).toList());
        return samples;
    }
}
