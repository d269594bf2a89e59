package dev.amanah.donations.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code amanah zakat} in-process with the given arguments and captures what it prints, so
 * that another front end (the web calculator) gives exactly the command's answers and its
 * refusals. Thread-safe: each run has its own command line and writers.
 */
public final class ZakatRun {
    private ZakatRun() {
    }

    /**
     * What the command printed.
     *
     * @param exitCode 0 assessed, 2 refused input (then {@code err} names the field), 1 failed
     * @param out      its standard output ({@code --json} given: the assessment as JSON)
     * @param err      its error output
     */
    public record Result(int exitCode, String out, String err) {
    }

    /**
     * Runs {@code amanah zakat --json ARGS}; {@code clock} gives "today" for default dates. Every
     * argument is taken as written: one starting with {@code @} is not read as picocli's argument
     * file (the arguments come from a web form, and a visitor must not make the server read its
     * files and print them back in a refusal).
     */
    public static Result run(List<String> args, Clock clock) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(clock);
        commandLine.setExpandAtFiles(false);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var all = new ArrayList<String>();
        all.add("zakat");
        all.add("--json");
        all.addAll(args);
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
