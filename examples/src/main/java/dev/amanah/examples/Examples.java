package dev.amanah.examples;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import java.io.PrintStream;
import java.util.List;

/**
 * The command that lists and runs the examples: {@code ./amanah examples [list | all | NAME...]}.
 * <ul>
 *   <li>{@code list} (the default): one line per example, name, seed module and summary;</li>
 *   <li>{@code all}: runs every example in {@link Catalog} order;</li>
 *   <li>{@code NAME...}: runs the named ones (an example's name or its class's simple name, any case);</li>
 *   <li>{@code --help}, {@code -h} or {@code help}: the usage line, then the list.</li>
 * </ul>
 * Each example runs in a fresh process that is ended with {@code shutdown} afterwards, so whatever
 * it linked to goes with it. Exit status: 0 if every example ran to the end, 1 if one failed, 2 for
 * an unknown name.
 */
public final class Examples {
    private Examples() {
    }

    /** Runs the command; see the class notes. */
    public static void main(String[] args) {
        System.exit(run(args.length == 0 ? List.of("list") : List.of(args), System.out, System.err));
    }

    /** The command's work, returning its exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.equals(List.of("list"))) {
            list(out);
            return 0;
        }
        if (args.size() == 1 && List.of("--help", "-h", "help").contains(args.getFirst())) {
            out.println("Usage: ./amanah examples [list | all | NAME...]");
            out.println();
            list(out);
            return 0;
        }
        var unknown = args.stream().filter(name -> !name.equals("all") && Catalog.find(name).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            err.println("amanah examples: unknown example(s) " + unknown + "; `./amanah examples list` shows them");
            return 2;
        }
        var chosen = args.contains("all") ? Catalog.EXAMPLES
                : args.stream().map(name -> Catalog.find(name).orElseThrow()).toList();
        int failed = 0;
        for (var example : chosen) {
            if (!runOne(example, out)) {
                failed++;
            }
        }
        out.println();
        out.println(failed == 0 ? "All " + chosen.size() + " example(s) ran." : failed + " example(s) failed.");
        return failed == 0 ? 0 : 1;
    }

    private static void list(PrintStream out) {
        int width = Catalog.EXAMPLES.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        String section = "";
        for (var example : Catalog.EXAMPLES) {
            if (!example.section().equals(section)) {
                section = example.section();
                out.println(section + ":");
            }
            out.printf("  %-" + width + "s  %s%n", example.name(), example.summary());
            out.printf("  %-" + width + "s  (%s → %s)%n", "", example.seedModule(), example.javaClass().getName());
        }
        out.println();
        out.println("Run one with `./amanah examples NAME`, all with `./amanah examples all`.");
    }

    private static boolean runOne(Example example, PrintStream out) {
        out.println();
        out.println("== " + example.name() + " — " + example.summary());
        out.println("   seed " + example.seedModule() + " → " + example.javaClass().getName());
        var monitored = Processes.spawnMonitor(() -> {
            example.demo().run();
            // Linked helpers the demo left behind end with it.
            Processes.exit(ExitReason.SHUTDOWN);
        });
        ExitReason reason = Processes.receive(m -> m instanceof Down d && d.ref() == monitored.ref() ? d.reason() : null);
        if (reason.isGraceful()) {
            return true;
        }
        out.println("!! " + example.name() + " failed: " + reason);
        return false;
    }
}
