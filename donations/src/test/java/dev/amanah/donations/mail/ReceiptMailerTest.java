package dev.amanah.donations.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.amanah.donations.CapturedLog;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.payment.ManualClock;
import dev.amanah.donations.receipt.Printed;
import dev.amanah.donations.receipt.ReceiptIssuer;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.OutboxMail;
import dev.amanah.donations.store.Receipt;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.testing.InProcess;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailer against a real SMTP server in the test's JVM (GreenMail), with the outbox in SQLite. */
@InProcess.Tests
class ReceiptMailerTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Charity CHARITY = new Charity("Amanah Charitable Trust", "1 Example Street", "1234567");

    @TempDir
    Path dir;

    private Store store;
    private ReceiptStore receipts;
    private MailOutboxStore outbox;
    private GreenMail smtp;
    private final String name = "mailer-" + NAMES.incrementAndGet();

    @BeforeEach
    void openStore() {
        store = Store.open(DatabaseConfig.fromUrl("jdbc:sqlite:" + dir.resolve("amanah.db"), "", ""));
        receipts = new ReceiptStore(store.database(), Clock.systemUTC(), store.donations());
        outbox = new MailOutboxStore(store.database(), Clock.systemUTC());
        store.campaigns().create(new NewCampaign("ramadan", "Ramadan food parcels", FundType.ZAKAT, Money.of("5000.00", "GBP"),
                LocalDate.of(2020, 1, 1), LocalDate.of(2040, 12, 31)));
        store.campaigns().moveTo("ramadan", CampaignState.ACTIVE);
    }

    @AfterEach
    void stopEverything() {
        Processes.whereis(name).ifPresent(GenServer::stop);
        if (smtp != null) {
            smtp.stop();
        }
        store.close();
    }

    private int startSmtp(int port) {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp.getSmtp().getPort();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static AmanahConfig.Mail mail(int port, int maxAttempts, Duration backoffBase) {
        return new AmanahConfig.Mail(true, "127.0.0.1", port, "receipts@amanah.example", Duration.ofSeconds(5), maxAttempts,
                backoffBase, backoffBase.multipliedBy(4), AmanahConfig.MailSecurity.NONE, "", "", List.of());
    }

    private void startMailer(AmanahConfig.Mail config, Clock clock) {
        startMailer(config, ZoneOffset.UTC, clock);
    }

    private void startMailer(AmanahConfig.Mail config, ZoneId zone, Clock clock) {
        assertThat(ReceiptMailer.startLink(name, new MailOutboxStore(store.database(), clock), receipts, config, zone, clock))
                .isInstanceOf(StartResult.Ok.class);
    }

    /** A recorded donation of {@code amount} by Aisha, receipted by the issuer (which queues its mail and pokes the mailer). */
    private Receipt receiptFor(String id, Money amount, String email) {
        store.donations().create(new NewDonation(id, "key-" + id, "ramadan", Donor.of("donor-1", email, "Aisha Rahman"), amount));
        store.donations().markValidated(id);
        store.donations().markCharged(id, "ch-" + id);
        store.donations().record(id, "donation " + id,
                List.of(Entry.debit(Account.clearing("sandbox"), amount), Entry.credit(Account.campaign("ramadan"), amount)));
        var issuer = new ReceiptIssuer(store.database(), store.donations(), store.campaigns(), receipts, outbox,
                new ReceiptIssuer.Settings(CHARITY, "AMN", ZoneOffset.UTC, true), () -> ReceiptMailer.poke(name));
        return issuer.issueFor(id).receipt().orElseThrow();
    }

    private OutboxMail mailOf(Receipt receipt) {
        return outbox.forReceipt(receipt.serial()).orElseThrow();
    }

    private static String pdfText(MimeMessage message) throws Exception {
        var parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            var part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                assertThat(part.getFileName()).endsWith(".pdf");
                assertThat(part.getContentType()).startsWith("application/pdf");
                try (var in = part.getInputStream(); var pdf = Loader.loadPDF(in.readAllBytes())) {
                    return part.getFileName() + "\n" + new PDFTextStripper().getText(pdf);
                }
            }
        }
        throw new AssertionError("no attachment in " + message.getSubject());
    }

    private static String bodyText(MimeMessage message) throws Exception {
        return (String) ((Multipart) message.getContent()).getBodyPart(0).getContent();
    }

    @Test
    void a_receipt_is_mailed_to_the_donor_with_its_pdf_attached() throws Exception {
        int port = startSmtp(0);
        startMailer(mail(port, 3, Duration.ofMillis(50)), Clock.systemUTC());

        var receipt = receiptFor("d-1", Money.of("1234.50", "GBP"), "aisha@example.org");

        assertThat(smtp.waitForIncomingEmail(TIMEOUT.toMillis(), 1)).isTrue();
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isZero();
        var message = smtp.getReceivedMessages()[0];
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("aisha@example.org");
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("receipts@amanah.example");
        assertThat(message.getSubject()).isEqualTo("Your donation receipt " + receipt.serial() + " from Amanah Charitable Trust");
        assertThat(message.getMessageID()).isEqualTo("<" + receipt.serial() + ".receipt@amanah>");
        assertThat(bodyText(message)).contains("Dear Aisha Rahman,", "1,234.50 GBP", "Ramadan food parcels", "(Zakat)",
                receipt.donatedOnHijri(), receipt.serial());
        assertThat(pdfText(message)).contains("receipt-" + receipt.serial() + ".pdf", "No. " + receipt.serial(), "Aisha Rahman",
                "1,234.50 GBP", "Zakat", "Ramadan food parcels", receipt.donatedOnHijri(), "ch-d-1",
                "No goods or services were provided in return for this donation.");
        assertThat(mailOf(receipt).status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(mailOf(receipt).attempts()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void a_transient_failure_is_retried_after_a_backoff_until_the_server_answers() throws Exception {
        int port = freePort();
        startMailer(mail(port, 10, Duration.ofMillis(100)), Clock.systemUTC());

        var receipt = receiptFor("d-1", Money.of("25.00", "GBP"), "aisha@example.org");
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isEqualTo(1);
        var failed = mailOf(receipt);
        assertThat(failed.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(failed.attempts()).isGreaterThanOrEqualTo(1);
        assertThat(failed.lastError()).isPresent();
        assertThat(failed.nextAttemptAt()).isAfter(Instant.now().minusSeconds(1));

        startSmtp(port);

        // The mailer's own timer brings the next attempt: nobody pokes it.
        assertThat(smtp.waitForIncomingEmail(TIMEOUT.toMillis(), 1)).isTrue();
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isZero();
        assertThat(mailOf(receipt).status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(mailOf(receipt).attempts()).isGreaterThanOrEqualTo(2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(receipt.serial());
    }

    @Test
    void waits_double_after_each_failure_and_it_gives_up_after_max_attempts() throws Exception {
        var receipt = receiptFor("d-1", Money.of("25.00", "GBP"), "aisha@example.org");
        // The outbox stamped the queued mail with the real time (to the microsecond): the mailer's clock
        // starts a second after it.
        var clock = new ManualClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusSeconds(1));
        var base = Duration.ofMinutes(10);
        startMailer(mail(freePort(), 3, base), clock);

        ReceiptMailer.drainNow(name, TIMEOUT);
        assertThat(mailOf(receipt).attempts()).isEqualTo(1);
        assertThat(mailOf(receipt).nextAttemptAt()).isEqualTo(clock.instant().plus(base));
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).as("not due yet: no attempt").isEqualTo(1);
        assertThat(mailOf(receipt).attempts()).isEqualTo(1);

        clock.advance(base);
        ReceiptMailer.drainNow(name, TIMEOUT);
        assertThat(mailOf(receipt).attempts()).isEqualTo(2);
        assertThat(mailOf(receipt).nextAttemptAt()).isEqualTo(clock.instant().plus(base.multipliedBy(2)));

        clock.advance(base.multipliedBy(2));
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isZero();
        var given = mailOf(receipt);
        assertThat(given.status()).isEqualTo(OutboxMail.Status.FAILED);
        assertThat(given.attempts()).isEqualTo(3);
        assertThat(given.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("gave up after 3 attempts"));
        assertThat(given.failureKind()).contains(OutboxMail.FailureKind.TRANSIENT);
        assertThat(ReceiptMailer.backoff(mail(1, 10, base), 9)).isEqualTo(base.multipliedBy(4));
    }

    /** A sender that answers with {@code result} and counts the mails it was given. */
    private record CountingSender(SmtpSender.Result result, AtomicInteger calls) implements Sender {
        CountingSender(SmtpSender.Result result) {
            this(result, new AtomicInteger());
        }

        @Override
        public SmtpSender.Result send(ReceiptMail mail) {
            calls.incrementAndGet();
            return result;
        }
    }

    /** Three receipts' mails queued while no mailer ran, due at the real time of their queueing. */
    private List<Receipt> threeQueuedMails() {
        return List.of(receiptFor("d-1", Money.of("10.00", "GBP"), "aisha@example.org"),
                receiptFor("d-2", Money.of("20.00", "GBP"), "omar@example.org"),
                receiptFor("d-3", Money.of("30.00", "GBP"), "sara@example.org"));
    }

    /** The mailer on a clock standing a second after the mails were queued, with a backoff no test outlasts. */
    private ManualClock startMailerWith(Sender sender) {
        var clock = new ManualClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusSeconds(1));
        assertThat(ReceiptMailer.startLink(name, new MailOutboxStore(store.database(), clock), receipts, sender,
                mail(1, 5, Duration.ofMinutes(10)), ZoneOffset.UTC, clock)).isInstanceOf(StartResult.Ok.class);
        return clock;
    }

    @Test
    void a_round_ends_at_the_first_mail_the_server_could_not_be_reached_for() {
        var queued = threeQueuedMails();
        var before = queued.stream().map(this::mailOf).toList();
        var sender = new CountingSender(new SmtpSender.Unreachable("MailConnectException: Couldn't connect to host"));

        var clock = startMailerWith(sender);
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isEqualTo(3);

        // The round at start met the dead server once and stopped there; drainNow, an operator's
        // request, tried once more. Waiting out a timeout per mail would have kept the mailer deaf.
        assertThat(sender.calls()).hasValue(2);
        var after = queued.stream().map(this::mailOf).toList();
        assertThat(after).allMatch(m -> m.status() == OutboxMail.Status.PENDING);
        assertThat(after.get(0).attempts()).isEqualTo(1);
        assertThat(after.get(0).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(after.get(1).attempts()).isEqualTo(1);
        assertThat(after.get(2)).as("never tried: neither charged nor put off").isEqualTo(before.get(2));
    }

    @Test
    void pokes_while_the_server_is_unreachable_wait_for_the_retry_timer() {
        threeQueuedMails();
        var sender = new CountingSender(new SmtpSender.Unreachable("MailConnectException: Couldn't connect to host"));
        startMailerWith(sender);

        for (int i = 0; i < 5; i++) {
            ReceiptMailer.poke(name);
        }
        // Casts are handled in order, before this call: only the round at start and this one tried.
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isEqualTo(3);
        assertThat(sender.calls()).hasValue(2);
    }

    /**
     * A relay refusing this service its session after the greeting (530 authentication required,
     * a sender or relay refused at MAIL FROM) would refuse every mail alike: the round stops at
     * the first, no mail is filed as refused for good, and the operator is told what to fix.
     */
    @Test
    void a_relay_refusing_our_session_ends_the_round_refuses_no_mail_and_is_logged_as_a_configuration_problem() {
        var queued = threeQueuedMails();
        var sender = new CountingSender(new SmtpSender.SessionRefused("SMTP 530: 530 5.7.0 Authentication required",
                SmtpSender.Remedy.RELAY_RULES));

        try (var log = CapturedLog.of("dev.amanah.donations.mail")) {
            var clock = startMailerWith(sender);
            assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isEqualTo(3);

            assertThat(sender.calls()).hasValue(2);
            assertThat(queued).extracting(r -> mailOf(r).status()).containsOnly(OutboxMail.Status.PENDING);
            assertThat(mailOf(queued.get(0)).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
            assertThat(log.messages()).anySatisfy(line -> assertThat(line).startsWith("event=mail_session_refused ")
                    .contains("reason=\"SMTP 530: 530 5.7.0 Authentication required\"", "mail.smtpHost", "mail.from"));
        }
    }

    /** A failed TLS handshake is this host's to fix, not the relay's rules: the log's action says where to look. */
    @Test
    void a_failed_tls_handshake_is_logged_with_what_to_fix_on_this_host() {
        threeQueuedMails();
        var sender = new CountingSender(new SmtpSender.SessionRefused("TLS handshake with the SMTP server failed: (certificate_unknown)"
                + " No subject alternative names matching IP address 127.0.0.1 found", SmtpSender.Remedy.TLS_TRUST));

        try (var log = CapturedLog.of("dev.amanah.donations.mail")) {
            startMailerWith(sender);
            ReceiptMailer.drainNow(name, TIMEOUT);

            assertThat(log.messages()).anySatisfy(line -> assertThat(line).startsWith("event=mail_session_refused ")
                    .contains("reason=\"TLS handshake with the SMTP server failed: ", "action=\"the TLS handshake with the relay failed:",
                            "trust store", "mail.smtpHost", "mail.security"));
        }
    }

    /**
     * An operator reading a refused session needs to know how the mailer talks to the relay: the
     * start's line says the host and port, whether over TLS and whether it authenticates, as whom,
     * and never the password.
     */
    @Test
    void the_start_log_says_how_the_mailer_talks_to_the_relay_and_never_the_password() {
        var submission = new AmanahConfig.Mail(true, "relay.example.org", 587, "receipts@amanah.example", Duration.ofSeconds(5), 5,
                Duration.ofMinutes(10), Duration.ofMinutes(40), AmanahConfig.MailSecurity.STARTTLS, "receipts", "s3cret-Passw0rd", List.of());

        try (var log = CapturedLog.of("dev.amanah.donations.mail")) {
            assertThat(ReceiptMailer.startLink(name, outbox, receipts, new CountingSender(new SmtpSender.Sent()), submission,
                    ZoneOffset.UTC, Clock.systemUTC())).isInstanceOf(StartResult.Ok.class);

            assertThat(log.messages()).anySatisfy(line -> assertThat(line).isEqualTo("event=mailer_started smtp_host=relay.example.org"
                    + " smtp_port=587 from=receipts@amanah.example security=starttls trusted_certificates=jvm authenticates=true"
                    + " username=\"receipts\""));
            assertThat(log.messages()).noneSatisfy(line -> assertThat(line).contains("s3cret"));
        }
        assertThat(ReceiptMailer.started(mail(25, 5, Duration.ofMinutes(10)))).endsWith(" security=none authenticates=false");
    }

    /**
     * A handshake refused for trust is read against what the mailer trusts: the JVM's trust store,
     * or the certificates of mail.trustedCertificates, which the start's line did not say.
     */
    @Test
    void the_start_log_says_whether_the_relay_must_chain_to_the_jvms_trust_store_or_to_the_configured_certificates(
            @TempDir Path dir) throws Exception {
        var certificates = TestCertificates.in(dir);
        certificates.server("relay", "dns:relay.example.org");
        var pinned = new AmanahConfig.Mail(true, "relay.example.org", 465, "receipts@amanah.example", Duration.ofSeconds(5), 5,
                Duration.ofMinutes(10), Duration.ofMinutes(40), AmanahConfig.MailSecurity.TLS, "receipts", "s3cret-Passw0rd",
                certificates.certificates("relay"));

        assertThat(ReceiptMailer.started(pinned)).isEqualTo("event=mailer_started smtp_host=relay.example.org smtp_port=465"
                + " from=receipts@amanah.example security=tls trusted_certificates=1 authenticates=true username=\"receipts\"");
    }

    /** An outage and a refusal must read differently in the log: the line says what the server answered. */
    @Test
    void an_unreachable_server_is_logged_with_the_reason() {
        threeQueuedMails();
        var sender = new CountingSender(new SmtpSender.Unreachable("SMTP 421: 421 4.3.2 Too busy, closing"));

        try (var log = CapturedLog.of("dev.amanah.donations.mail")) {
            startMailerWith(sender);
            ReceiptMailer.drainNow(name, TIMEOUT);

            assertThat(log.messages()).anySatisfy(line -> assertThat(line).startsWith("event=mail_server_unreachable ")
                    .contains("reason=\"SMTP 421: 421 4.3.2 Too busy, closing\""));
        }
    }

    @Test
    void a_mail_the_server_refuses_for_now_does_not_end_the_round() {
        var queued = threeQueuedMails();
        var sender = new CountingSender(new SmtpSender.Transient("SMTP 452: mailbox full"));

        startMailerWith(sender);
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isEqualTo(3);

        assertThat(sender.calls()).hasValue(3);
        assertThat(queued).extracting(r -> mailOf(r).attempts()).containsExactly(1, 1, 1);
    }

    @Test
    void a_server_that_accepts_no_connection_is_unreachable() throws Exception {
        var receipt = receiptFor("d-1", Money.of("10.00", "GBP"), "aisha@example.org");
        var sender = new SmtpSender(mail(freePort(), 3, Duration.ofMillis(50)));

        assertThat(sender.send(ReceiptMail.of(receipt, "aisha@example.org", ZoneOffset.UTC)))
                .isInstanceOf(SmtpSender.Unreachable.class);
    }

    /**
     * An address with non-ASCII letters may only travel with SMTPUTF8 (RFC 6531); GreenMail does not
     * offer it, so the mail is refused for good, naming why, and nothing reaches the server.
     */
    @Test
    void an_internationalised_address_fails_for_good_at_a_server_without_smtputf8() throws Exception {
        int port = startSmtp(0);
        startMailer(mail(port, 5, Duration.ofMillis(50)), Clock.systemUTC());

        var receipt = receiptFor("d-1", Money.of("25.00", "GBP"), "josé@exämple.org");
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isZero();

        var refused = mailOf(receipt);
        assertThat(refused.status()).isEqualTo(OutboxMail.Status.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.lastError()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("the SMTP server does not take internationalised addresses (no SMTPUTF8)").doesNotContain("jos"));
        assertThat(refused.failureKind()).contains(OutboxMail.FailureKind.PERMANENT);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_permanent_failure_is_not_retried() throws Exception {
        int port = startSmtp(0);
        startMailer(mail(port, 5, Duration.ofMillis(50)), Clock.systemUTC());
        var receipt = receiptFor("d-1", Money.of("25.00", "GBP"), null);
        outbox.enqueue(receipt.serial(), "not an address");

        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isZero();

        var refused = mailOf(receipt);
        assertThat(refused.status()).isEqualTo(OutboxMail.Status.FAILED);
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("bad address"));
        assertThat(refused.failureKind()).contains(OutboxMail.FailureKind.PERMANENT);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    /**
     * The attached PDF prints its Issued date in the zone the mailer was given ({@code receipts.zone}).
     * The zone is picked after the issue, on whichever side of UTC puts the issue instant on another
     * day (Kiritimati is UTC+14, Etc/GMT+12 is UTC-12), so the test tells the zones apart at any hour.
     */
    @Test
    void the_attached_receipt_is_dated_in_the_mailers_zone() throws Exception {
        int port = startSmtp(0);
        var receipt = receiptFor("d-1", Money.of("10.00", "GBP"), "aisha@example.org");
        var issuedAt = receipt.issuedAt();
        var zone = ZoneId.of(issuedAt.atZone(ZoneOffset.UTC).getHour() >= 11 ? "Pacific/Kiritimati" : "Etc/GMT+12");
        var issuedThere = LocalDate.ofInstant(issuedAt, zone);
        assertThat(issuedThere).isNotEqualTo(LocalDate.ofInstant(issuedAt, ZoneOffset.UTC));

        startMailer(mail(port, 3, Duration.ofMillis(50)), zone, Clock.systemUTC());

        assertThat(smtp.waitForIncomingEmail(TIMEOUT.toMillis(), 1)).isTrue();
        assertThat(pdfText(smtp.getReceivedMessages()[0])).contains("Issued " + Printed.day(issuedThere));
    }

    @Test
    void mails_queued_while_no_mailer_ran_are_sent_when_it_starts() throws Exception {
        int port = startSmtp(0);
        var first = receiptFor("d-1", Money.of("10.00", "GBP"), "aisha@example.org");
        var second = receiptFor("d-2", Money.of("20.00", "GBP"), "omar@example.org");
        assertThat(outbox.pendingCount()).isEqualTo(2);

        startMailer(mail(port, 3, Duration.ofMillis(50)), Clock.systemUTC());

        assertThat(smtp.waitForIncomingEmail(TIMEOUT.toMillis(), 2)).isTrue();
        assertThat(ReceiptMailer.drainNow(name, TIMEOUT)).isZero();
        assertThat(List.of(smtp.getReceivedMessages())).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("aisha@example.org", "omar@example.org");
        assertThat(List.of(mailOf(first), mailOf(second))).allMatch(m -> m.status() == OutboxMail.Status.SENT);
    }
}
