package dev.amanah.donations.cli;

import dev.amanah.donations.config.ConfigException;
import dev.amanah.donations.service.StartRefused;
import dev.amanah.finance.FinanceException;
import java.io.Console;
import java.io.InputStream;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code amanah} command. Each capability of the platform is a subcommand ({@code zakat},
 * {@code serve}); the top level only dispatches and reports errors.
 *
 * <p>Exit codes: 0 success; 2 bad input (a usage error, its first line naming an unknown option
 * before anything else ({@link UsageErrors}), or a domain refusal printed as one line
 * {@code amanah <command>: CODE field: detail}); 1 the service could not start (its database
 * unreachable, its port taken: one line, {@code amanah serve: cannot start: …}) or an unexpected
 * failure.
 */
@Command(name = "amanah", mixinStandardHelpOptions = true, version = "amanah 0.1.0-SNAPSHOT",
        description = "Amanah: zakat and donation processing with exact money.",
        subcommands = CommandLine.HelpCommand.class)
public final class Amanah implements Runnable {
    /** Exit code for input the command refuses. */
    static final int BAD_INPUT = 2;
    /** Exit code when the service cannot start for a reason outside the command's input, as for any failure. */
    static final int CANNOT_START = 1;
    /** java.util.logging's {@code SimpleFormatter} reads its format from this property. */
    private static final String SIMPLE_FORMAT = "java.util.logging.SimpleFormatter.format";

    @Spec
    private CommandSpec spec;

    private Amanah() {
    }

    /** Without a subcommand there is nothing to do: a usage error listing the subcommands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command, e.g. 'amanah zakat --help'");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        useShutdownLogManager();
        useOneLineLogRecords();
        System.exit(commandLine(Clock.systemDefaultZone()).execute(args));
    }

    /**
     * Makes {@link ShutdownLogManager} the JVM's log manager, unless another was named on the
     * command line; before anything logs, or it has no effect. A class literal names the class
     * without initialising it, which would initialise java.util.logging's LogManager, which reads the name.
     */
    static void useShutdownLogManager() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        }
    }

    /**
     * Makes java.util.logging write each record on one line, its time first in ISO 8601 with the
     * offset, then level, logger and message ({@code 2026-12-07T02:41:07.123+0000 INFO
     * dev.amanah.donations.service event=recovery_done ...}), so that a
     * {@code grep event=} keeps each line's time; the JDK's default writes the time, in a 12-hour
     * clock without a zone, on a line of its own. Left alone if the JVM is given a format or a
     * logging configuration, whose format would otherwise lose to this property. Before anything
     * logs, or it has no effect: the format is read once.
     */
    static void useOneLineLogRecords() {
        if (System.getProperty(SIMPLE_FORMAT) == null && System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            System.setProperty(SIMPLE_FORMAT, "%1$tY-%1$tm-%1$tdT%1$tH:%1$tM:%1$tS.%1$tL%1$tz %4$s %3$s %5$s%6$s%n");
        }
    }

    /**
     * The command line with its subcommands; {@code clock} gives "today" for default dates.
     * Progress bars are drawn only when standard error is a terminal ({@link Terminal}).
     */
    static CommandLine commandLine(Clock clock) {
        return commandLine(clock, Terminal::standardError);
    }

    /** As {@link #commandLine(Clock)}, with {@code terminal} saying whether standard error is a terminal. */
    static CommandLine commandLine(Clock clock, BooleanSupplier terminal) {
        return commandLine(clock, terminal, System::console, System.in);
    }

    /**
     * As {@link #commandLine(Clock, BooleanSupplier)}, with {@code console} (null where there is
     * no terminal) and {@code in} in place of the process's, where commands read a password.
     */
    static CommandLine commandLine(Clock clock, BooleanSupplier terminal, Supplier<Console> console, InputStream in) {
        var commandLine = new CommandLine(new Amanah());
        commandLine.addSubcommand(new CommandLine(new ZakatCommand(clock)));
        commandLine.addSubcommand(new CommandLine(new ServeCommand(clock)));
        commandLine.addSubcommand(new CommandLine(new ReportCommand(clock)));
        commandLine.addSubcommand(new CommandLine(new ImportCommand(clock, terminal)));
        commandLine.addSubcommand(new CommandLine(new HashPasswordCommand(in)));
        commandLine.addSubcommand(new CommandLine(new DemoCommand(clock)));
        commandLine.addSubcommand(new CommandLine(new StaffCommand(console, in)));
        commandLine.addSubcommand(new CommandLine(new ReceiptsCommand(clock, terminal)));
        commandLine.addSubcommand(new CommandLine(new MailCommand(clock)));
        // picocli's help ignores a word it takes for an unknown option and prints the top usage,
        // exit 0; as a command name it is refused like any other name no command has
        commandLine.getSubcommands().get("help").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setParameterExceptionHandler(new UsageErrors());
        commandLine.setExecutionExceptionHandler((exception, command, parsed) -> {
            var err = command.getErr();
            var name = command.getCommandSpec().qualifiedName();
            switch (exception) {
                case FinanceException e -> err.println(name + ": " + e.code() + " " + e.field() + ": " + e.detail());
                case InputException e -> err.println(name + ": " + e.code() + " " + e.getMessage());
                case ConfigException e -> err.println(name + ": " + ServeCommand.describe(e));
                case StartRefused e -> {
                    err.println(name + ": cannot start: " + e.getMessage());
                    err.flush();
                    return CANNOT_START;
                }
                default -> {
                    throw exception;
                }
            }
            err.flush();
            return BAD_INPUT;
        });
        return commandLine;
    }
}
