package dev.amanah.bench;

import dev.amanah.bench.beam.Beam;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders results as Markdown: a header (date, machine, JDK, BEAM, parameters), one table of medians
 * with Amanah's ratios to each floor, to Pekko and to the BEAM, and the raw samples. The BEAM's
 * cells read "not installed" where a scenario has an Elixir twin but {@code elixir} is missing.
 *
 * <p>A ratio is Amanah's value divided by the other's, in the metric's unit, as
 * {@link Results#ratio} pairs them (repetition by repetition in this JVM; median over median for
 * the BEAM): for a rate (/s ↑) above 1 means Amanah is faster; for a time (ms ↓) or a size
 * (bytes ↓) above 1 means Amanah takes more.
 */
final class Report {
    private static final List<Contender> COLUMNS = List.of(Contender.values());
    private static final List<Contender> RATIO_BASES =
            List.of(Contender.FLOOR_MPSC, Contender.FLOOR_LTQ, Contender.PEKKO, Contender.BEAM);

    private Report() {
    }

    /** The medians table alone. */
    static String table(List<Results> all) {
        var out = new StringBuilder();
        out.append("| workload | unit |");
        COLUMNS.forEach(column -> out.append(' ').append(column.label()).append(" |"));
        RATIO_BASES.forEach(base -> out.append(" Amanah ÷ ").append(base.label()).append(" |"));
        out.append('\n').append("|---|---|");
        out.append("---:|".repeat(COLUMNS.size() + RATIO_BASES.size())).append('\n');
        for (var results : all) {
            for (var metric : results.metrics()) {
                out.append("| ").append(metric.label()).append(" | ").append(metric.unit().symbol())
                        .append(metric.unit().higherIsBetter() ? " ↑" : " ↓").append(" |");
                for (var column : COLUMNS) {
                    out.append(' ').append(cell(results, metric, column)).append(" |");
                }
                for (var base : RATIO_BASES) {
                    out.append(' ').append(ratio(results.ratio(metric, base))).append(" |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String cell(Results results, Metric metric, Contender column) {
        double median = results.median(metric, column);
        if (column == Contender.BEAM && Double.isNaN(median) && Beam.installation().isEmpty()
                && Beam.script(results.scenario().name()).isPresent()) {
            return "not installed";
        }
        return format(median, metric.unit());
    }

    /** The BEAM's versions and the flags of each scenario's twin, or why it did not run. */
    private static String beam(List<Results> all) {
        var installation = Beam.installation();
        if (installation.isEmpty()) {
            return "not installed (`bench/run --install-beam` installs Debian's erlang and elixir)";
        }
        var flags = all.stream().filter(results -> !results.beamFlags().isEmpty())
                .map(results -> results.scenario().name() + " `" + results.beamFlags() + "`")
                .distinct() // a curve runs a scenario at several points, with the same flags
                .collect(Collectors.joining(", "));
        return installation.get() + "; the scenario's Elixir twin (bench/beam/) in its own VM, after the JVM's runs"
                + (flags.isEmpty() ? "; no twin ran" : "; flags: " + flags);
    }

    /** The wall time of the scenarios and curves, in all and each: {@code 14 min 5 s (ping_pong 48 s, ...)}. */
    static String runTime(List<Results> all, List<CurveResults> curves) {
        var parts = new ArrayList<String>();
        var total = Duration.ZERO;
        for (var results : all) {
            parts.add(results.scenario().name() + " " + minutes(results.elapsed()));
            total = total.plus(results.elapsed());
        }
        for (var curve : curves) {
            parts.add("curve " + curve.curve().name() + " " + minutes(curve.elapsed()));
            total = total.plus(curve.elapsed());
        }
        return minutes(total) + " (" + String.join(", ", parts) + ")";
    }

    /** The repetitions each scenario got: {@code ping_pong 2, ..., task_await 7}. */
    static String repetitionCounts(List<Results> all) {
        return all.stream().map(results -> results.scenario().name() + " " + results.repetitions())
                .collect(Collectors.joining(", "));
    }

    private static String minutes(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** The whole report without scaling curves: header, table, raw samples. */
    static String document(List<Results> all, Runner runner, Machine machine, ZonedDateTime when) {
        return document(all, List.of(), runner, machine, when);
    }

    /** The whole report with the scaling curves (tables, and links to their PNGs beside the report). */
    static String document(List<Results> all, List<CurveResults> curves, Runner runner, Machine machine,
                           ZonedDateTime when) {
        var out = new StringBuilder();
        out.append("# Amanah benchmark results\n\n");
        out.append("- Date: ").append(when.format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        out.append("- Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.memoryGib()).append(" GiB; ").append(machine.os()).append('\n');
        out.append("- Amanah commit: ").append(machine.commit()).append('\n');
        out.append("- JDK: ").append(machine.jdk()).append('\n');
        out.append("- JVM flags: `").append(machine.jvmArguments()).append("`\n");
        out.append("- Pekko: ").append(machine.pekko()).append(" (typed, default dispatcher)\n");
        var beamRuns = new ArrayList<>(all);
        curves.forEach(curve -> curve.points().forEach(point -> beamRuns.add(point.results())));
        out.append("- BEAM: ").append(beam(beamRuns)).append('\n');
        out.append("- Parameters: ").append(runner.warmUp().describe())
                .append("; then ").append(runner.repetitions().describe())
                .append(", round-robin, in turn forwards and backwards")
                .append(runner.repetitions().isFixed() || all.isEmpty() ? "" : " (" + repetitionCounts(all) + ")")
                .append("; medians")
                .append(runner.scale().divisor() == 1 ? "; full sizes"
                        : "; sizes divided by " + runner.scale().divisor() + " (--quick: a smoke run, not a result)")
                .append('\n');
        out.append("- Run time: ").append(runTime(all, curves)).append('\n');
        out.append("- Scenarios: ").append(all.stream().map(r -> r.scenario().name() + " (" + r.scenario().description() + ")")
                .collect(Collectors.joining("; "))).append("\n\n");
        if (!all.isEmpty()) {
            out.append(table(all)).append('\n');
        }
        out.append("""
                Ratios are Amanah's value over the other runtime's in the same repetition (each runs the \
                runtimes back to back), the median over the repetitions; for the BEAM, which runs apart, \
                Amanah's median over the BEAM's. In the row's unit: for /s ↑ above 1 means Amanah is \
                faster, for ms ↓ and bytes ↓ above 1 means Amanah takes more. Compare ratios within one \
                run; absolute figures move between runs, and within one (this host's speed drifts).

                """);
        out.append(curves(curves, runner.repetitionsPerPoint()));
        out.append("## Raw samples\n\n");
        for (var results : all) {
            for (var metric : results.metrics()) {
                out.append("- ").append(metric.label()).append(":\n");
                for (var column : COLUMNS) {
                    var values = results.values(metric, column);
                    if (!values.isEmpty()) {
                        out.append("  - ").append(column.label()).append(": ")
                                .append(values.stream().map(v -> format(v, metric.unit()))
                                        .collect(Collectors.joining(", ")))
                                .append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /** The curves' section: per curve, its plot and a table of medians and ratios by N; {@code repetitions} per point. */
    static String curves(List<CurveResults> curves, int repetitions) {
        if (curves.isEmpty()) {
            return "";
        }
        var out = new StringBuilder("## Scaling curves\n\n");
        out.append("""
                Each point is the scenario at size N on Amanah, the floor (VT+MPSC) and the BEAM: 1 warm-up \
                + up to %d measured repetitions, medians. The plots show Amanah's speed relative to each (above 1: \
                Amanah is faster; for a time, the other's time over Amanah's), N on a log axis; the tables \
                give the medians and, as in the main table, Amanah's ratio to the other, paired by repetition.

                """.formatted(repetitions));
        var bases = List.of(Contender.FLOOR_MPSC, Contender.BEAM);
        for (var curve : curves) {
            var points = curve.points();
            out.append("### ").append(curve.curve().title()).append("\n\n");
            out.append("![").append(curve.curve().name()).append("](curve-").append(curve.curve().name())
                    .append(".png)\n\n");
            out.append("| N | row | unit | Amanah |");
            bases.forEach(base -> out.append(' ').append(base.label()).append(" |"));
            bases.forEach(base -> out.append(" Amanah ÷ ").append(base.label()).append(" |"));
            out.append("\n|---:|---|---|---:|").append("---:|".repeat(2 * bases.size())).append('\n');
            for (var point : points) {
                var metric = point.metric();
                out.append("| ").append(String.format(Locale.ROOT, "%,d", point.n())).append(" | ")
                        .append(metric.label()).append(" | ").append(metric.unit().symbol()).append(" | ")
                        .append(format(point.median(Contender.AMANAH), metric.unit())).append(" |");
                bases.forEach(base -> out.append(' ').append(cell(point.results(), metric, base)).append(" |"));
                bases.forEach(base -> out.append(' ')
                        .append(ratio(point.results().ratio(metric, base))).append(" |"));
                out.append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One sample for the progress log. */
    static String describe(Sample sample) {
        return sample.metric().label() + " = " + format(sample.value(), sample.metric().unit());
    }

    static String format(double value, Metric.Unit unit) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return switch (unit) {
            // Three significant digits from a thousand up: "1k" could have been 950 or 1,499.
            case PER_SECOND -> value >= 1e6 ? String.format(Locale.ROOT, "%.2fM", value / 1e6)
                    : value >= 1e5 ? String.format(Locale.ROOT, "%.0fk", value / 1e3)
                    : value >= 1e4 ? String.format(Locale.ROOT, "%.1fk", value / 1e3)
                    : value >= 1e3 ? String.format(Locale.ROOT, "%.2fk", value / 1e3)
                    : String.format(Locale.ROOT, "%.0f", value);
            case MILLIS -> value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                    : String.format(Locale.ROOT, "%.1f", value);
            case BYTES -> String.format(Locale.ROOT, "%,.0f", value);
        };
    }

    private static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
