package dev.amanah.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amanah.otp.Processes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one-JVM comparison of builds: its statistics, its arguments, and whole small runs in separate class loaders. */
class CompareTest {

    @Test
    void statisticsAreTheNearestRankMedianAndQuartiles() {
        var stats = RoundStats.of(new double[] {9, 1, 8, 2, 7, 3, 6, 4, 5});
        assertThat(stats).isEqualTo(new RoundStats(5, 3, 7));
        assertThatThrownBy(() -> RoundStats.of(new double[0])).hasMessage("no values");
    }

    @Test
    void ratiosPairTheBuildsRunsOfOneRoundAndCountTheRoundsWon() {
        // The host doubled its speed after round 1: the paired ratios see a steady 1.25x.
        double[] base = {100, 200, 200};
        double[] other = {125, 250, 250};
        var ratios = RoundStats.ratios(other, base);
        assertThat(ratios).containsExactly(1.25, 1.25, 1.25);
        assertThat(RoundStats.wins(ratios)).isEqualTo(3);
        assertThat(RoundStats.wins(RoundStats.ratios(base, other))).isZero();
        assertThatThrownBy(() -> RoundStats.ratios(new double[2], new double[3])).hasMessage("2 rounds against 3");
    }

    @ParameterizedTest
    @EnumSource(Compare.Workload.class)
    void everyWorkloadNamesARunOfThisPackage(Compare.Workload workload) throws Exception {
        assertThat(Compare.Workload.named(workload.label)).isSameAs(workload);
        for (boolean floor : new boolean[] {false, true}) {
            var name = workload.className(floor);
            if (name != null) {
                var type = Class.forName(name);
                assertThat(Run.class).isAssignableFrom(type);
                assertThat(type.getMethod("nanos", int.class).getReturnType()).isEqualTo(long.class);
            }
        }
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Compare.Workload.named("pingpong"))
                .hasMessage("unknown workload pingpong; one of task_await, spawn, spawn_future, call, cast, async_stream");
        assertThatThrownBy(() -> Compare.Build.parse("HEAD"))
                .hasMessage("a build is NAME=CLASSPATH, not HEAD");
        assertThatThrownBy(() -> Compare.Build.parse("old=/no/such/dir"))
                .hasMessage("build old: no /no/such/dir");
        assertThatThrownBy(() -> Compare.run(Compare.Workload.CALL, 1, 10, List.of(new Compare.Build("floor", List.of(benchClasses()))), quiet()))
                .hasMessage("call has no floor: compare revisions or the worktree");
    }

    @Test
    void buildsRunInTheirOwnClassLoadersRoundByRound() throws Exception {
        var build = List.of(otpClasses(), benchClasses());
        var progress = new ByteArrayOutputStream();
        var report = Compare.run(Compare.Workload.TASK_AWAIT, 3, 500,
                List.of(new Compare.Build("one", build), new Compare.Build("floor", List.of(benchClasses())),
                        new Compare.Build("two", build)),
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertThat(progress.toString(StandardCharsets.UTF_8).lines())
                .hasSize(3)
                .allMatch(line -> line.matches("round \\d: \\w+ [\\d,]+k/s \\w+ [\\d,]+k/s \\w+ [\\d,]+k/s"));
        assertThat(report.lines()).hasSize(5);
        assertThat(report).startsWith("task_await: 500 tasks a run, 3 rounds after 6 warm-ups each")
                .containsPattern("(?m)^floor +[\\d,]+k/s +\\d+\\.\\d\\dx \\[\\d+\\.\\d\\d-\\d+\\.\\d\\d\\] +\\d/3$")
                .containsPattern("(?m)^two +[\\d,]+k/s +\\d+\\.\\d\\dx \\[\\d+\\.\\d\\d-\\d+\\.\\d\\d\\] +\\d/3$");
    }

    @ParameterizedTest
    @EnumSource(value = Compare.Workload.class, names = {"SPAWN", "SPAWN_FUTURE", "CALL", "CAST", "ASYNC_STREAM"})
    void everyWorkloadRunsAndChecksItsResults(Compare.Workload workload) throws Exception {
        var report = Compare.run(workload, 1, 2_000,
                List.of(new Compare.Build("only", List.of(otpClasses(), benchClasses()))), quiet());
        assertThat(report).startsWith(workload.label + ": 2,000 " + workload.unit + " a run");
    }

    @ParameterizedTest
    @EnumSource(value = Compare.Workload.class, names = {"TASK_AWAIT", "SPAWN", "SPAWN_FUTURE", "ASYNC_STREAM"})
    void everyFloorRunsAndChecksItsResults(Compare.Workload workload) throws Exception {
        var report = Compare.run(workload, 1, 2_000, List.of(new Compare.Build("floor", List.of(benchClasses()))), quiet());
        assertThat(report).startsWith(workload.label + ": 2,000 " + workload.unit + " a run")
                .containsPattern("(?m)^floor +[\\d,]+k/s");
    }

    private static Path otpClasses() throws Exception {
        return Path.of(Processes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path benchClasses() throws Exception {
        return Path.of(Compare.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static PrintStream quiet() {
        return new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
