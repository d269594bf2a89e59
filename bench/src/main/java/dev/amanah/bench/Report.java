package dev.amanah.bench;

import dev.amanah.bench.beam.Beam;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders results as Markdown: a header (date, machine, JDK, BEAM, parameters), one table of medians
 * with Amanah's ratios to each floor, to Pekko and to the BEAM, and the raw samples. The BEAM's
 * cells read "not installed" where a scenario has an Elixir twin but {@code elixir} is missing.
 *
 * <p>A ratio is Amanah's median divided by the other's, in the metric's unit: for a rate (/s ↑)
 * above 1 means Amanah is faster; for a time (ms ↓) or a size (bytes ↓) above 1 means Amanah
 * takes more.
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
                double amanah = results.median(metric, Contender.AMANAH);
                for (var base : RATIO_BASES) {
                    out.append(' ').append(ratio(amanah, results.median(metric, base))).append(" |");
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
                .collect(Collectors.joining(", "));
        return installation.get() + "; the scenario's Elixir twin (bench/beam/) in its own VM, after the JVM's runs"
                + (flags.isEmpty() ? "; no twin ran" : "; flags: " + flags);
    }

    /** The whole report: header, table, raw samples. */
    static String document(List<Results> all, Runner runner, Machine machine, ZonedDateTime when) {
        var out = new StringBuilder();
        out.append("# Amanah benchmark results\n\n");
        out.append("- Date: ").append(when.format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        out.append("- Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.memoryGib()).append(" GiB; ").append(machine.os()).append('\n');
        out.append("- Amanah commit: ").append(machine.commit()).append('\n');
        out.append("- JDK: ").append(machine.jdk()).append('\n');
        out.append("- JVM flags: `").append(machine.jvmArguments()).append("`\n");
        out.append("- Pekko: ").append(machine.pekko()).append(" (typed, default dispatcher)\n");
        out.append("- BEAM: ").append(beam(all)).append('\n');
        out.append("- Parameters: 1 warm-up + ").append(runner.repetitions())
                .append(" measured repetitions per runtime, round-robin; medians")
                .append(runner.scale().divisor() == 1 ? "; full sizes"
                        : "; sizes divided by " + runner.scale().divisor() + " (--quick: a smoke run, not a result)")
                .append('\n');
        out.append("- Scenarios: ").append(all.stream().map(r -> r.scenario().name() + " (" + r.scenario().description() + ")")
                .collect(Collectors.joining("; "))).append("\n\n");
        out.append(table(all)).append('\n');
        out.append("""
                Ratios are Amanah's median over the other runtime's, in the row's unit: for /s ↑ above 1 \
                means Amanah is faster, for ms ↓ and bytes ↓ above 1 means Amanah takes more. \
                Compare ratios within one run; absolute figures move between runs.

                ## Raw samples

                """);
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

    /** One sample for the progress log. */
    static String describe(Sample sample) {
        return sample.metric().label() + " = " + format(sample.value(), sample.metric().unit());
    }

    static String format(double value, Metric.Unit unit) {
        if (Double.isNaN(value)) {
            return "—";
        }
        return switch (unit) {
            case PER_SECOND -> value >= 1e6 ? String.format(Locale.ROOT, "%.2fM", value / 1e6)
                    : value >= 1e3 ? String.format(Locale.ROOT, "%.0fk", value / 1e3)
                    : String.format(Locale.ROOT, "%.0f", value);
            case MILLIS -> value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                    : String.format(Locale.ROOT, "%.1f", value);
            case BYTES -> String.format(Locale.ROOT, "%,.0f", value);
        };
    }

    private static String ratio(double amanah, double other) {
        if (Double.isNaN(amanah) || Double.isNaN(other) || other == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", amanah / other);
    }
}
