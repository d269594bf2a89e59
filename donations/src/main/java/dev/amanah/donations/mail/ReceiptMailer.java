package dev.amanah.donations.mail;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.OutboxMail;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.StoreException;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.TimerRef;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Next;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The process that delivers the outbox ({@link MailOutboxStore}): one mail at a time, each with
 * its receipt's PDF ({@link ReceiptMail}), through {@link SmtpSender}.
 *
 * <p>Each start logs where mail goes, whether over TLS and whether it authenticates, and as whom
 * ({@code event=mailer_started}; never the password).
 *
 * <p><b>When it works.</b> At start (so mails queued before a restart go out), when
 * {@linkplain #poke poked} after a receipt's commit queued a mail, and when the earliest pending
 * mail falls due or {@code backoffBase} has passed, whichever is sooner (one timer, re-armed after
 * every round; the sweep finds mails another process queued). Pokes are casts: the donation
 * pipeline never waits for SMTP.
 *
 * <p><b>Failures.</b> A transient one (no connection, a timeout, a 4xx) is tried again after
 * {@code backoffBase}, doubled after each failure up to {@code backoffMax}, until
 * {@code maxAttempts} attempts in all; a permanent one (5xx, a bad address) is not retried. Both
 * end in {@code FAILED} with the reason and its kind ({@code TRANSIENT} or {@code PERMANENT}) kept
 * in the outbox, which decides what {@code amanah mail --retry-failed} queues again. A server
 * that cannot be reached (no connection, a timeout, a 421; logged as
 * {@code event=mail_server_unreachable} with the reason) or refuses this client the session (554
 * or 521 at the greeting, an authentication refusal, a 5xx to MAIL FROM, a failed TLS handshake: see
 * {@link SmtpSender.SessionRefused}; logged at ERROR as {@code event=mail_session_refused} with the
 * reason and, as {@code action}, what an operator can change: {@link SmtpSender.Remedy}) ends the round at that mail: it alone is charged the
 * attempt (and is {@code TRANSIENT}, never {@code PERMANENT}, if its attempts run out on it), the
 * other mails keep their schedule, and the next round comes on the timer, after that mail's wait; pokes
 * are ignored until then, {@link #drainNow} is not. So an outage or a refusing relay costs one
 * connection per round, not one per queued mail, and the mailer keeps answering. The logged
 * reasons are the outbox's, which name no recipient. The waits are stored with the mail, so
 * a restart keeps them. (No jitter: one mailer sends serially, there is no herd to spread.) A
 * database failure does not crash the server (a crash loop would take the service's supervisor
 * with it): the round ends and is tried again after {@code backoffBase}.
 *
 * <p>Delivery is at least once: a crash after the server accepted a mail and before it is marked
 * {@code SENT} sends it again, under the same Message-ID.
 */
public final class ReceiptMailer implements GenServer<ReceiptMailer.State> {
    /** The registered name of the service's mailer. */
    public static final String NAME = "receipts.mailer";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.mail");
    private static final int BATCH = 20;

    /**
     * The timer of the next round, if one is armed, and whether the last round ended because the
     * server could not be reached (then pokes wait for that timer).
     */
    record State(Optional<TimerRef> wake, boolean serverDown) {
    }

    /** A cast: mails were queued. */
    private record Poke() {
    }

    /** A call: deliver what is due now, answer how many mails are still pending. */
    private record DrainNow() {
    }

    /** The timer's message: a mail fell due. */
    private record Wake() {
    }

    private static final Object DRAIN_AT_START = "drain";

    private final MailOutboxStore outbox;
    private final ReceiptStore receipts;
    private final Sender sender;
    private final AmanahConfig.Mail config;
    private final ZoneId zone;
    private final Clock clock;

    private ReceiptMailer(MailOutboxStore outbox, ReceiptStore receipts, Sender sender, AmanahConfig.Mail config, ZoneId zone,
                          Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.config = Objects.requireNonNull(config, "config");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts the mailer linked to the caller, registered as {@code name}; it drains the outbox at once.
     *
     * @param zone the receipts' zone ({@code receipts.zone}), in which the attached PDFs print their dates
     */
    public static StartResult startLink(String name, MailOutboxStore outbox, ReceiptStore receipts, AmanahConfig.Mail config,
                                        ZoneId zone, Clock clock) {
        return startLink(name, outbox, receipts, new SmtpSender(config), config, zone, clock);
    }

    /** {@link #startLink(String, MailOutboxStore, ReceiptStore, AmanahConfig.Mail, ZoneId, Clock)} sending through {@code sender}. */
    static StartResult startLink(String name, MailOutboxStore outbox, ReceiptStore receipts, Sender sender, AmanahConfig.Mail config,
                                 ZoneId zone, Clock clock) {
        return GenServer.startLink(new ReceiptMailer(outbox, receipts, sender, config, zone, clock), StartOptions.named(name));
    }

    /**
     * The mailer as a permanent worker registered as {@code name}.
     *
     * @param zone the receipts' zone ({@code receipts.zone}), in which the attached PDFs print their dates
     */
    public static ChildSpec childSpec(String name, MailOutboxStore outbox, ReceiptStore receipts, AmanahConfig.Mail config,
                                      ZoneId zone, Clock clock) {
        return ChildSpec.worker(name, () -> startLink(name, outbox, receipts, config, zone, clock));
    }

    /** Tells the mailer registered as {@code name} that mails were queued; a cast, dropped if it is not running (it drains at start). */
    public static void poke(String name) {
        GenServer.cast(name, new Poke());
    }

    /**
     * Delivers every mail due now and returns how many are still pending (waiting for a retry; -1
     * if the database could not be read);
     * a call, answered after any round already under way. For operators and tests.
     *
     * @throws dev.amanah.otp.ExitException if the mailer is not running or does not answer in {@code timeout}
     */
    public static int drainNow(String name, Duration timeout) {
        return GenServer.call(name, new DrainNow(), timeout);
    }

    @Override
    public InitResult<State> init() {
        LOG.log(System.Logger.Level.INFO, started(config));
        return new Ok<>(new State(Optional.empty(), false), Next.continueWith(DRAIN_AT_START));
    }

    /**
     * The start's log line: where mail goes, whether over TLS, trusting what (the JVM's trust
     * store, or the number of certificates of {@code mail.trustedCertificates}), and as whom, so
     * that a refused session can be read against it. Never the password.
     */
    static String started(AmanahConfig.Mail config) {
        var tls = config.security() != AmanahConfig.MailSecurity.NONE;
        var trusted = config.trustedCertificates().isEmpty() ? "jvm" : String.valueOf(config.trustedCertificates().size());
        return "event=mailer_started smtp_host=" + config.smtpHost() + " smtp_port=" + config.smtpPort() + " from=" + config.from()
                + " security=" + config.security().name().toLowerCase(Locale.ROOT) + (tls ? " trusted_certificates=" + trusted : "")
                + " authenticates=" + config.authenticates() + (config.authenticates() ? " username=" + quoted(config.username()) : "");
    }

    @Override
    public Result<State> handleContinue(Object argument, State state) {
        return new NoReply<>(drain(state));
    }

    @Override
    public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
        if (request instanceof DrainNow) {
            var next = drain(state);
            return new Reply<>(pending(), next);
        }
        return GenServer.super.handleCall(request, from, state);
    }

    private int pending() {
        try {
            return outbox.pendingCount();
        } catch (StoreException e) {
            return -1;
        }
    }

    @Override
    public Result<State> handleCast(Object request, State state) {
        if (request instanceof Poke) {
            // While the server is down every round costs a connect timeout: a poke per donation
            // would keep the mailer busy and its mailbox growing. The armed timer retries.
            return new NoReply<>(state.serverDown() ? state : drain(state));
        }
        return GenServer.super.handleCast(request, state);
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        if (message instanceof Wake) {
            return new NoReply<>(drain(new State(Optional.empty(), state.serverDown())));
        }
        return GenServer.super.handleInfo(message, state);
    }

    /**
     * Sends every due mail, then arms one timer for the next one due; stops at the first mail the
     * server could not be reached for, leaving the others as they were, and arms the timer for
     * that mail's backoff.
     */
    private State drain(State state) {
        state.wake().ifPresent(TimerRef::cancel);
        Duration next;
        Optional<Duration> serverDown = Optional.empty();
        try {
            var due = outbox.due(clock.instant(), BATCH);
            while (!due.isEmpty() && serverDown.isEmpty()) {
                for (var mail : due) {
                    serverDown = deliver(mail);
                    if (serverDown.isPresent()) {
                        break;
                    }
                }
                due = outbox.due(clock.instant(), BATCH);
            }
            // Never sleep longer than backoffBase: mails queued by another process (amanah receipts)
            // are found by this sweep, since nobody pokes this one for them.
            next = serverDown.isPresent() ? serverDown.get()
                    : outbox.nextDue().map(at -> nonNegative(Duration.between(clock.instant(), at)))
                            .filter(wait -> wait.compareTo(config.backoffBase()) < 0).orElse(config.backoffBase());
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "event=mail_round_failed code=" + e.code() + " retry_in=" + config.backoffBase());
            next = config.backoffBase();
        }
        return new State(Optional.of(Processes.sendAfter(Processes.self(), new Wake(), next)), serverDown.isPresent());
    }

    /** Tries {@code mail} once; empty if the server was reached, else how long to leave the server alone. */
    private Optional<Duration> deliver(OutboxMail mail) {
        int attempt = mail.attempts() + 1;
        var receipt = receipts.get(mail.receiptSerial());
        ReceiptMail message;
        try {
            message = ReceiptMail.of(receipt, mail.recipient(), zone);
        } catch (RuntimeException e) {
            // A receipt that cannot be rendered would fail the same way on every attempt (and a
            // crash here would loop under the supervisor): give up on this mail alone.
            outbox.markFailed(mail.id(), attempt, OutboxMail.FailureKind.PERMANENT, "cannot render the receipt: " + e);
            LOG.log(System.Logger.Level.ERROR, "event=receipt_mail_unrenderable serial=" + receipt.serial(), e);
            return Optional.empty();
        }
        switch (sender.send(message)) {
            case SmtpSender.Sent sent -> {
                outbox.markSent(mail.id(), attempt);
                LOG.log(System.Logger.Level.INFO, "event=receipt_mailed serial=" + receipt.serial() + " attempt=" + attempt);
            }
            case SmtpSender.Permanent(var reason) -> {
                outbox.markFailed(mail.id(), attempt, OutboxMail.FailureKind.PERMANENT, reason);
                LOG.log(System.Logger.Level.WARNING, "event=receipt_mail_refused serial=" + receipt.serial());
            }
            case SmtpSender.Unreachable(var reason) -> {
                var wait = endRound(mail, attempt, reason);
                LOG.log(System.Logger.Level.WARNING, "event=mail_server_unreachable reason=" + quoted(reason) + " retry_in=" + wait);
                return Optional.of(wait);
            }
            case SmtpSender.SessionRefused(var reason, var remedy) -> {
                var wait = endRound(mail, attempt, reason);
                LOG.log(System.Logger.Level.ERROR, "event=mail_session_refused reason=" + quoted(reason) + " retry_in=" + wait
                        + " action=" + quoted(remedy.action()));
                return Optional.of(wait);
            }
            case SmtpSender.Transient(var reason) -> retryOrGiveUp(mail, attempt, reason);
        }
        return Optional.empty();
    }

    /** Charges {@code mail} the attempt the server turned away and returns how long to leave the server alone. */
    private Duration endRound(OutboxMail mail, int attempt, String reason) {
        retryOrGiveUp(mail, attempt, reason);
        return backoff(config, attempt);
    }

    /** {@code reason} as one quoted log value (a server's answer may hold quotes or span lines). */
    private static String quoted(String reason) {
        return '"' + reason.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\R", " ") + '"';
    }

    private void retryOrGiveUp(OutboxMail mail, int attempt, String reason) {
        var serial = mail.receiptSerial();
        if (attempt >= config.maxAttempts()) {
            outbox.markFailed(mail.id(), attempt, OutboxMail.FailureKind.TRANSIENT, "gave up after " + attempt + " attempts: " + reason);
            LOG.log(System.Logger.Level.WARNING, "event=receipt_mail_given_up serial=" + serial + " attempts=" + attempt);
        } else {
            var wait = backoff(config, attempt);
            outbox.retryAt(mail.id(), attempt, clock.instant().plus(wait), reason);
            LOG.log(System.Logger.Level.INFO, "event=receipt_mail_retry serial=" + serial + " attempt=" + attempt + " retry_in=" + wait);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 = the first): base doubled per earlier failure, capped. */
    static Duration backoff(AmanahConfig.Mail config, int attempt) {
        var wait = config.backoffBase();
        for (int i = 1; i < attempt && wait.compareTo(config.backoffMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : wait;
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
