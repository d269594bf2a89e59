package dev.amanah.donations.cli;

import dev.amanah.donations.demo.Demo;
import dev.amanah.donations.service.StopOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amanah demo}: the service on a fresh SQLite database under {@code ./data/demo/}, sample
 * campaigns, demo staff accounts (printed) and simulated donors; prints the dashboard's address
 * and runs until Ctrl-C, then stops the donors and drains the service.
 */
@Command(name = "demo", description = "Run the service with sample campaigns and simulated donors; open the printed address.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default ${DEFAULT-VALUE}; 0: any free port).")
    int port = 8080;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Donations per second, all donors together (default ${DEFAULT-VALUE}).")
    double rate = 3;

    @Option(names = "--donors", paramLabel = "N", description = "Donor processes (default ${DEFAULT-VALUE}).")
    int donors = 4;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "A directory for this run's database (default: a new one under ./data/demo/).")
    Path dataDir;

    private final Clock clock;

    DemoCommand(Clock clock) {
        this.clock = clock;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        // Checked here, before anything starts, to name the flag (Demo.Options would refuse rate
        // and donors too, as a stack trace). NaN fails every comparison: written so that it fails this one.
        if (!(rate >= 0 && rate <= 500)) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--rate", "must be 0 to 500 donations per second, got " + rate);
        }
        if (donors < 1 || donors > 64) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--donors", "must be 1 to 64, got " + donors);
        }
        InputException.port("--port", port);
        var dir = dataDir != null ? dataDir
                : Path.of("data", "demo", LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--data-dir", dir + " is not empty: the demo starts on a fresh database");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw InputException.unwritable("--data-dir", dir, e);
        }
        var demo = Demo.start(new Demo.Options(dir, host, port, rate, donors, 2026), clock);
        var out = System.out;
        out.println();
        out.println("  Amanah demo: " + demo.url() + "            <- open in a browser");
        out.println("  processes:   " + demo.url().resolve("/processes"));
        out.println("  zakat:       " + demo.url().resolve("/zakat"));
        out.println("  staff login: " + demo.url().resolve("/staff/login"));
        demo.staff().forEach((who, password) -> out.println("               " + who + "  password " + password));
        out.println("  data:        " + dir.toAbsolutePath() + "  (SQLite)");
        out.println("  donors:      " + donors + " processes, " + rate + " donations/s (some declined, some refunded)");
        out.println("  Ctrl-C stops it.");
        out.println();
        UntilExit.await("amanah-demo-shutdown", () -> stop(demo, System.err));
        return 0;
    }

    /**
     * What Ctrl-C does: stops the donors and the service (within {@code timeouts.shutdown}), and
     * says so on {@code err}: one line, and when the drain was cut short, that and the processes
     * still alive, as {@code serve} says it.
     */
    static void stop(Demo demo, PrintStream err) {
        demo.stop();
        var counts = "amanah demo: stopped (" + demo.accepted() + " donations accepted, " + demo.declined() + " declined, "
                + demo.refunded() + " refunded)";
        // The service is stopped already: a second stop does nothing and answers how the first went.
        err.print(switch (demo.service().stop()) {
            case StopOutcome.Drained drained -> counts + System.lineSeparator();
            case StopOutcome.CutShort cut -> counts + ", " + ServeCommand.cutShort(cut);
            case StopOutcome.Ended ended -> counts + ", " + ServeCommand.ended(ended);
        });
    }
}
