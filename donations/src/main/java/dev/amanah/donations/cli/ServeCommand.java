package dev.amanah.donations.cli;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.config.ConfigException;
import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.service.StopOutcome;
import dev.amanah.donations.store.DatabaseConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amanah serve}: runs the donation service until the JVM is asked to stop (Ctrl-C,
 * {@code SIGTERM}), then drains running requests and stops, the supervision tree within
 * {@code timeouts.shutdown} (see {@link #stop}); or until it stopped on its own, having lost its
 * PostgreSQL database to another service, when it exits with code 1. The configuration is the bundled
 * defaults, then {@code --config FILE} (or {@code ./amanah.yaml} when present), then
 * {@code AMANAH_*} environment variables, then {@code --port}; a bad value stops the start with exit code 2 and a line
 * naming the key.
 */
@Command(name = "serve", description = "Run the donation service (HTTP API; SQLite in ./data unless configured).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
    Path file;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port to listen on, over http.port and AMANAH_HTTP_PORT (0: any free port).")
    Integer port;

    private final Clock clock;

    ServeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws InterruptedException {
        var config = port == null ? ConfiguredStore.config(file)
                : ConfiguredStore.config(file, Map.of("AMANAH_HTTP_PORT", String.valueOf(InputException.port("--port", port))));
        ConfiguredStore.makeDataDirectory(config);
        var service = AmanahService.start(config, clock);
        System.out.println(serving(config, service.port()));
        if (UntilExit.awaitOr("amanah-shutdown", () -> stop(service, System.err), service.stoppedForLostLock())) {
            System.err.println("amanah serve: stopped: another service took this database's one-service lock"
                    + " (event=service_lock_lost in the log); one service per database");
            return 1;
        }
        return 0;
    }

    /**
     * The line {@code serve} prints once it serves: its address, its database and the rates file
     * {@code fraud.smallAmount} was converted at ({@code bundled} for the bundled rates).
     */
    static String serving(AmanahConfig config, int port) {
        return "amanah: serving on http://" + config.http().host() + ":" + port + " (database " + DatabaseConfig.shown(config.database().jdbcUrl())
                + ", rates_file " + config.fraud().rates() + ")";
    }

    /**
     * What Ctrl-C does: stops {@code service} (within {@code timeouts.shutdown}) and says so on
     * {@code err}, one line, or, when the drain was cut short, that line and one more for each
     * process still alive: on the terminal that pressed Ctrl-C, whatever the log is configured to
     * (the service's ERROR says the same in the log, written thanks to {@link ShutdownLogManager}).
     */
    static void stop(AmanahService service, PrintStream err) {
        err.print(switch (service.stop()) {
            case StopOutcome.Drained drained -> "amanah: stopped (running requests drained)" + System.lineSeparator();
            case StopOutcome.CutShort cut -> "amanah: stopped, " + cutShort(cut);
            case StopOutcome.Ended ended -> "amanah: stopped, " + ended(ended);
        });
    }

    /**
     * How {@code serve} and {@code demo} say that the drain was cut short: a sentence, then the
     * processes still alive, one per line, indented; ends with a line break.
     */
    static String cutShort(StopOutcome.CutShort cut) {
        var timeout = cut.timeout().toMillis() % 1000 == 0 ? cut.timeout().toSeconds() + "s" : cut.timeout().toMillis() + "ms";
        var text = new StringBuilder("but the drain was cut short: the supervision tree had not stopped within timeouts.shutdown (")
                .append(timeout).append(") and was killed; what was in flight is finished at the next start. Still alive then:")
                .append(System.lineSeparator());
        cut.stillAlive().forEach(process -> text.append("  ").append(process).append(System.lineSeparator()));
        if (!cut.listedAll()) {
            text.append("  and more").append(System.lineSeparator());
        }
        return text.toString();
    }

    /** How {@code serve} and {@code demo} say that the tree had ended before the stop; ends with a line break. */
    static String ended(StopOutcome.Ended ended) {
        return "but the supervision tree had already ended (" + ended.reason() + "): there was nothing to drain"
                + System.lineSeparator();
    }

    /** How {@link Amanah} reports a configuration error. */
    static String describe(ConfigException e) {
        return "CONFIG_ERROR " + e.getMessage();
    }
}
