package dev.amanah.donations.cli;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amanah mail --retry-failed [--since 2026-03-01] [--include-permanent]}: queues the receipt
 * mails the mailer gave up on after transient failures (no connection, timeouts, 4xx answers until
 * {@code mail.maxAttempts}) again, due now with a fresh count of attempts, so that an SMTP outage
 * longer than the backoffs loses no receipt mail. A mail refused for good (a 5xx answer: no such
 * mailbox, address or message refused; a bad address) is left {@code FAILED} and counted as
 * skipped: it would be refused again, and a sender that keeps mailing refused addresses loses
 * standing with the receiving servers. {@code --include-permanent} queues those too (after fixing
 * what made the server refuse them, say a sender address it did not accept). {@code --since} takes
 * only the mails queued from that day on (in {@code receipts.zone}). The running service's mailer
 * sends them on its next sweep (at most {@code mail.backoffBase} away), or the next one at its
 * start; the summary line says so, or that {@code mail.enabled} is false and no mailer will. Running
 * it again queues nothing more; a sent mail is never queued again.
 *
 * <p>Exit codes: 0 done; 2 bad input (a date, the configuration); 1 the database failed (nothing
 * is changed: one transaction).
 */
@Command(name = "mail", description = "Queue the receipt mails given up on again (after an SMTP outage).")
final class MailCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--retry-failed", required = true,
            description = "Queue the FAILED mails that failed for transient reasons again, due now.")
    boolean retryFailed;

    @Option(names = "--include-permanent",
            description = "Queue the mails the server refused for good (5xx, bad address) as well.")
    boolean includePermanent;

    // Text, parsed in call(): picocli's own conversion error would name java.time.LocalDate.
    @Option(names = "--since", paramLabel = "DATE",
            description = "Only mails queued on or after this day (in receipts.zone), e.g. 2026-03-01.")
    String sinceText;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A YAML file over the defaults (default: ./amanah.yaml if it exists).")
    Path file;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    MailCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        var since = Optional.ofNullable(sinceText).map(MailCommand::day);
        var config = ConfiguredStore.config(file);
        var zone = config.receipts().zone();
        try (var store = ConfiguredStore.open(config)) {
            var done = new MailOutboxStore(store.database(), clock)
                    .requeueFailed(since.map(day -> day.atStartOfDay(zone).toInstant()), includePermanent);
            var out = spec.commandLine().getOut();
            out.println("amanah mail: " + done.queued() + " failed mail" + (done.queued() == 1 ? "" : "s") + " queued again"
                    + since.map(day -> " (of those queued since " + day + ")").orElse("") + ": " + done.transientQueued()
                    + " transient, " + done.permanentQueued() + " permanent; " + done.permanentSkipped() + " permanent skipped"
                    + (done.permanentSkipped() > 0 ? " (--include-permanent queues them)" : "")
                    + (done.queued() > 0 ? "; " + whoSends(config.receipts().mail()) : ""));
            out.flush();
            return 0;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("amanah mail: " + e.code() + " " + e.getMessage());
            return 1;
        }
    }

    /** Who sends the mails queued: the service's mailer, which runs only when the configuration enables it. */
    private static String whoSends(AmanahConfig.Mail mail) {
        return mail.enabled() ? "the running service's mailer sends them within " + configured(mail.backoffBase())
                + " (mail.backoffBase), or at its next start"
                : "mail.enabled is false in this configuration: no mailer sends them until it is true";
    }

    /** {@code duration} as the configuration spells it ({@code 30s}, {@code 5m}, {@code 1h}). */
    private static String configured(Duration duration) {
        if (duration.toMillisPart() != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException(InputException.Code.INVALID_VALUE, "--since", "'" + text + "' is not a day like 2026-03-01");
        }
    }
}
