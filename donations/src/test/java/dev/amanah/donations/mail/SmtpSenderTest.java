package dev.amanah.donations.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.config.AmanahConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP conversation itself, against a scripted server that offers SMTPUTF8 (GreenMail does
 * not) and answers what a test tells it to: how each answer is classed, and what the reason keeps.
 */
class SmtpSenderTest {

    /** Answers one SMTP session offering SMTPUTF8, and completes with the commands it was sent. */
    private static CompletableFuture<List<String>> serveOnce(ServerSocket server) {
        return serveOnce(server, "220 scripted", "250 ok", "250 ok", "250 queued");
    }

    /**
     * Answers one SMTP session with {@code greeting}, then {@code mail} to MAIL FROM, {@code rcpt}
     * to RCPT TO and {@code accepted} to the end of DATA (250 to anything else), and completes with
     * the commands it was sent.
     */
    private static CompletableFuture<List<String>> serveOnce(ServerSocket server, String greeting, String mail, String rcpt,
                                                             String accepted) {
        return serveOnce(server, greeting, "250-scripted\r\n250-8BITMIME\r\n250 SMTPUTF8", mail, rcpt, accepted);
    }

    /**
     * As {@link #serveOnce(ServerSocket, String, String, String, String)}, with {@code ehlo} (its
     * lines joined by CRLF) the answer to EHLO, and 235 (authenticated) to AUTH.
     */
    private static CompletableFuture<List<String>> serveOnce(ServerSocket server, String greeting, String ehlo, String mail,
                                                             String rcpt, String accepted) {
        return serveOnce(server, Optional.empty(), greeting, ehlo, mail, rcpt, accepted);
    }

    /**
     * As {@link #serveOnce(ServerSocket, String, String, String, String, String)}; with a
     * {@code starttls} context, STARTTLS is answered 220 and the session goes on over TLS with
     * it (it then reads "! TLS"). A handshake that fails, here or on a TLS server socket, ends the
     * session with "! TLS handshake failed" as its last command.
     */
    private static CompletableFuture<List<String>> serveOnce(ServerSocket server, Optional<SSLContext> starttls, String greeting,
                                                             String ehlo, String mail, String rcpt, String accepted) {
        var commands = new CompletableFuture<List<String>>();
        Thread.ofVirtual().start(() -> {
            var seen = new ArrayList<String>();
            try (var connection = server.accept()) {
                Socket socket = connection;
                if (socket instanceof SSLSocket tls && !handshook(tls, seen)) {
                    commands.complete(seen);
                    return;
                }
                var in = reader(socket);
                var out = writer(socket);
                out.print(greeting + "\r\n");
                for (String line; (line = in.readLine()) != null; ) {
                    seen.add(line);
                    var verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                    switch (verb) {
                        case "EHLO" -> out.print(ehlo + "\r\n");
                        case "STAR" -> {
                            out.print("220 2.0.0 Ready to start TLS\r\n");
                            var tls = (SSLSocket) starttls.orElseThrow().getSocketFactory()
                                    .createSocket(socket, null, socket.getPort(), true);
                            tls.setUseClientMode(false);
                            if (!handshook(tls, seen)) {
                                commands.complete(seen);
                                return;
                            }
                            seen.add("! TLS");
                            socket = tls;
                            in = reader(socket);
                            out = writer(socket);
                        }
                        case "AUTH" -> out.print("235 2.7.0 Authentication successful\r\n");
                        case "MAIL" -> out.print(mail + "\r\n");
                        case "RCPT" -> out.print(rcpt + "\r\n");
                        case "DATA" -> {
                            out.print("354 go on\r\n");
                            for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                                seen.add("> " + data);
                            }
                            out.print(accepted + "\r\n");
                        }
                        case "QUIT" -> {
                            out.print("221 bye\r\n");
                            commands.complete(seen);
                            return;
                        }
                        default -> out.print("250 ok\r\n");
                    }
                }
                commands.complete(seen);
            } catch (IOException e) {
                commands.completeExceptionally(e);
            }
        });
        return commands;
    }

    /** Whether the server's side of the handshake went through; if not, {@code seen} says so. */
    private static boolean handshook(SSLSocket tls, List<String> seen) {
        try {
            tls.startHandshake();
            return true;
        } catch (IOException e) {
            // The client aborting (an untrusted certificate) may reach this side as a broken pipe, not an alert.
            seen.add("! TLS handshake failed");
            return false;
        }
    }

        private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static PrintStream writer(Socket socket) throws IOException {
        return new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void an_internationalised_address_goes_out_with_smtputf8_where_the_server_offers_it() throws Exception {
        try (var server = new ServerSocket(0)) {
            var commands = serveOnce(server);
            var config = config(server.getLocalPort());
            var mail = new ReceiptMail("josé@exämple.org", "Your donation receipt", "Thank you.", "receipt.pdf",
                    "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "<AMN-2026-000001.receipt@amanah>");

            assertThat(new SmtpSender(config).send(mail)).isEqualTo(new SmtpSender.Sent());

            var seen = commands.get(10, TimeUnit.SECONDS);
            assertThat(seen).anySatisfy(c -> assertThat(c).startsWith("MAIL FROM:<receipts@amanah.example>").contains("SMTPUTF8"));
            assertThat(seen).contains("RCPT TO:<josé@exämple.org>", "> To: josé@exämple.org");
        }
    }

    private static AmanahConfig.Mail config(int port) {
        return config(port, AmanahConfig.MailSecurity.NONE, "", "");
    }

    private static AmanahConfig.Mail config(int port, AmanahConfig.MailSecurity security, String username, String password) {
        return config(port, security, username, password, List.of());
    }

    private static AmanahConfig.Mail config(int port, AmanahConfig.MailSecurity security, String username, String password,
                                            List<X509Certificate> trusted) {
        return config(port, security, username, password, trusted, Duration.ofSeconds(5));
    }

    private static AmanahConfig.Mail config(int port, AmanahConfig.MailSecurity security, String username, String password,
                                            List<X509Certificate> trusted, Duration timeout) {
        return new AmanahConfig.Mail(true, "127.0.0.1", port, "receipts@amanah.example", timeout, 3,
                Duration.ofSeconds(1), Duration.ofSeconds(4), security, username, password, trusted);
    }

    /**
     * A relay that leaves STARTTLS out of its EHLO reply (an old one, or a man in the middle who
     * stripped it) is sent nothing when STARTTLS is required: the receipt would go in clear text.
     * Every mail would meet the same until the relay or {@code mail.security} changes, so it is a
     * refused session, not this mail's failure.
     */
    @Test
    void with_starttls_required_a_server_not_offering_it_is_sent_no_mail_and_the_session_is_refused() throws Exception {
        try (var server = new ServerSocket(0)) {
            var commands = serveOnce(server, "220 scripted", "250-scripted\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN",
                    "250 ok", "250 ok", "250 queued");

            var result = new SmtpSender(config(server.getLocalPort(), AmanahConfig.MailSecurity.STARTTLS, "", ""))
                    .send(mailTo("aisha@example.org"));

            assertThat(result).isInstanceOfSatisfying(SmtpSender.SessionRefused.class,
                    refused -> assertThat(refused.reason()).containsIgnoringCase("STARTTLS"));
            var seen = commands.get(10, TimeUnit.SECONDS);
            assertThat(seen).anySatisfy(c -> assertThat(c).startsWith("EHLO"));
            assertThat(seen).noneSatisfy(c -> assertThat(c).startsWithIgnoringCase("MAIL"))
                    .noneSatisfy(c -> assertThat(c).startsWithIgnoringCase("AUTH"));
        }
    }

    /** With a user name configured, the sender authenticates before MAIL FROM where the server offers AUTH. */
    @Test
    void with_a_username_the_sender_authenticates_before_it_names_the_sender() throws Exception {
        try (var server = new ServerSocket(0)) {
            var commands = serveOnce(server, "220 scripted", "250-scripted\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN",
                    "250 ok", "250 ok", "250 queued");

            var result = new SmtpSender(config(server.getLocalPort(), AmanahConfig.MailSecurity.NONE, "receipts", "s3cret"))
                    .send(mailTo("aisha@example.org"));

            assertThat(result).isEqualTo(new SmtpSender.Sent());
            var seen = commands.get(10, TimeUnit.SECONDS);
            var auth = seen.stream().filter(c -> c.toUpperCase().startsWith("AUTH ")).findFirst();
            assertThat(auth).isPresent();
            var mailFrom = seen.stream().filter(c -> c.toUpperCase().startsWith("MAIL FROM:")).findFirst();
            assertThat(mailFrom).isPresent();
            assertThat(seen.indexOf(auth.get())).isLessThan(seen.indexOf(mailFrom.get()));
        }
    }

    /** A server offering STARTTLS (and SMTPUTF8), as a submission port does. */
    private static final String EHLO_WITH_STARTTLS = "250-scripted\r\n250-STARTTLS\r\n250-8BITMIME\r\n250 SMTPUTF8";

    /**
     * The relay's certificates, made once for the class: one for 127.0.0.1 (the configured host),
     * one for another host, both {@link #trusted} (the sender's {@code mail.trustedCertificates}),
     * and one for 127.0.0.1 nobody trusts.
     */
    private static SSLContext relay;
    private static SSLContext otherHost;
    private static SSLContext stranger;
    private static List<X509Certificate> trusted;

    @BeforeAll
    static void certificates(@TempDir Path dir) throws Exception {
        var certificates = TestCertificates.in(dir);
        relay = certificates.server("relay", "ip:127.0.0.1,dns:localhost");
        otherHost = certificates.server("other", "dns:relay.other.example");
        stranger = certificates.server("stranger", "ip:127.0.0.1,dns:localhost");
        trusted = certificates.certificates("relay", "other");
    }

    private static SmtpSender tlsSender(int port, AmanahConfig.MailSecurity security) {
        return new SmtpSender(config(port, security, "", "", trusted));
    }

    /** With {@code starttls}, the session turns to TLS before the sender says who it is, and the mail goes over it. */
    @Test
    void with_starttls_and_a_trusted_certificate_the_mail_goes_over_tls() throws Exception {
        try (var server = new ServerSocket(0)) {
            var commands = serveOnce(server, Optional.of(relay), "220 scripted", EHLO_WITH_STARTTLS, "250 ok", "250 ok", "250 queued");

            assertThat(tlsSender(server.getLocalPort(), AmanahConfig.MailSecurity.STARTTLS).send(mailTo("aisha@example.org")))
                    .isEqualTo(new SmtpSender.Sent());

            var seen = commands.get(10, TimeUnit.SECONDS);
            assertThat(seen).contains("! TLS", "> Subject: Your donation receipt");
            assertThat(seen.indexOf("! TLS")).isLessThan(indexOf(seen, "MAIL FROM:"));
        }
    }

    /** With {@code tls}, the server speaks TLS from its greeting on. */
    @Test
    void with_implicit_tls_and_a_trusted_certificate_the_mail_goes_over_tls() throws Exception {
        try (var server = relay.getServerSocketFactory().createServerSocket(0)) {
            var commands = serveOnce(server);

            assertThat(tlsSender(server.getLocalPort(), AmanahConfig.MailSecurity.TLS).send(mailTo("aisha@example.org")))
                    .isEqualTo(new SmtpSender.Sent());

            assertThat(commands.get(10, TimeUnit.SECONDS)).anySatisfy(c -> assertThat(c).startsWith("MAIL FROM:"))
                    .contains("> Subject: Your donation receipt");
        }
    }

    /**
     * A certificate this host does not trust, or one for another host name, fails the handshake:
     * nothing is sent, and every mail would meet the same until this host's trust store or
     * {@code mail.smtpHost} changes, so the session is refused (retried after the backoff, never
     * the mail refused for good), not the server unreachable: it answered.
     */
    @Test
    void a_certificate_not_trusted_or_for_another_host_sends_nothing_and_the_session_is_refused() throws Exception {
        for (var certificate : List.of(stranger, otherHost)) {
            var which = certificate == stranger ? "an untrusted certificate" : "a certificate for another host";
            try (var server = new ServerSocket(0)) {
                var commands = serveOnce(server, Optional.of(certificate), "220 scripted", EHLO_WITH_STARTTLS, "250 ok", "250 ok",
                        "250 queued");

                var result = tlsSender(server.getLocalPort(), AmanahConfig.MailSecurity.STARTTLS).send(mailTo("aisha@example.org"));

                assertThat(result).as("starttls, " + which).isInstanceOfSatisfying(SmtpSender.SessionRefused.class,
                        refused -> assertThat(refused).returns(SmtpSender.Remedy.TLS_TRUST, SmtpSender.SessionRefused::remedy)
                                .extracting(SmtpSender.SessionRefused::reason).asString().startsWith("TLS handshake"));
                assertThat(commands.get(10, TimeUnit.SECONDS)).as("starttls, " + which)
                        .noneSatisfy(c -> assertThat(c).startsWithIgnoringCase("MAIL")).doesNotContain("! TLS");
            }
            try (var server = certificate.getServerSocketFactory().createServerSocket(0)) {
                var commands = serveOnce(server);

                var result = tlsSender(server.getLocalPort(), AmanahConfig.MailSecurity.TLS).send(mailTo("aisha@example.org"));

                assertThat(result).as("tls, " + which).isInstanceOfSatisfying(SmtpSender.SessionRefused.class,
                        refused -> assertThat(refused).returns(SmtpSender.Remedy.TLS_TRUST, SmtpSender.SessionRefused::remedy)
                                .extracting(SmtpSender.SessionRefused::reason).asString().startsWith("TLS handshake"));
                assertThat(commands.get(10, TimeUnit.SECONDS)).as("tls, " + which)
                        .noneSatisfy(c -> assertThat(c).startsWithIgnoringCase("MAIL"));
            }
        }
    }

    /**
     * With {@code tls} against a port that speaks plain SMTP (25 or 587), the handshake fails on
     * the server's clear-text greeting: a mismatch of {@code mail.security} and the port, so the
     * session is refused, over one connection (Angus would by default try again through the JVM's
     * default TLS factory).
     */
    @Test
    void with_implicit_tls_a_server_speaking_clear_text_is_sent_nothing_and_the_session_is_refused_once() throws Exception {
        try (var server = new ServerSocket(0)) {
            var first = serveOnce(server);
            var second = serveOnce(server);

            var result = new SmtpSender(config(server.getLocalPort(), AmanahConfig.MailSecurity.TLS, "receipts", "s3cret", trusted))
                    .send(mailTo("aisha@example.org"));

            assertThat(result).isInstanceOfSatisfying(SmtpSender.SessionRefused.class,
                    refused -> assertThat(refused).returns(SmtpSender.Remedy.TLS_TRUST, SmtpSender.SessionRefused::remedy)
                                .extracting(SmtpSender.SessionRefused::reason).asString().startsWith("TLS handshake"));
            assertThat(first.get(10, TimeUnit.SECONDS)).noneSatisfy(c -> assertThat(c).startsWithIgnoringCase("EHLO"));
            try (var probe = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                probe.setSoTimeout(10_000);
                assertThat(reader(probe).readLine()).as("the server's next connection is this probe: the sender made one only")
                        .isEqualTo("220 scripted");
            }
            second.get(10, TimeUnit.SECONDS);
        }
    }

    /** How a scripted server ends a connection once the client has begun its TLS handshake. */
    private enum Cut { CLOSE, RESET, SILENCE }

    /**
     * Takes one connection and, once the client has sent the first bytes of its handshake (with
     * {@code starttls}, after answering its EHLO and STARTTLS in clear text), ends it as {@code cut}
     * says, never answering the handshake: completes when the connection is over.
     */
    private static CompletableFuture<Void> cutTheHandshake(ServerSocket server, boolean starttls, Cut cut) {
        var done = new CompletableFuture<Void>();
        Thread.ofVirtual().start(() -> {
            try (var socket = server.accept()) {
                var in = socket.getInputStream();
                if (starttls) {
                    var out = writer(socket);
                    out.print("220 scripted\r\n");
                    readLine(in);
                    out.print(EHLO_WITH_STARTTLS + "\r\n");
                    readLine(in);
                    out.print("220 2.0.0 Ready to start TLS\r\n");
                }
                if (in.read() < 0) {
                    throw new IOException("the client sent no handshake");
                }
                switch (cut) {
                    case CLOSE -> { }
                    // Closing with a zero linger sends a TCP reset instead of the orderly FIN.
                    case RESET -> socket.setSoLinger(true, 0);
                    case SILENCE -> in.transferTo(OutputStream.nullOutputStream());
                }
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** One line, byte by byte, so that nothing after it is taken from the stream. */
    private static void readLine(InputStream in) throws IOException {
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the client closed the connection");
            }
        }
    }

    /**
     * The connection reset, closed or silent in the middle of the TLS handshake (a relay
     * restarting, a firewall, a network down) is the relay not reached, retried as any
     * unreachable relay is: no verdict on this host's trust of the relay, which it never showed
     * its certificate, and none of {@link SmtpSender.Remedy#TLS_TRUST}'s advice, which would send
     * an operator to change a trust store that is not at fault.
     */
    @Test
    void a_connection_cut_or_silent_during_the_tls_handshake_is_unreachable_not_a_trust_refusal() throws Exception {
        var softly = new SoftAssertions();
        for (var starttls : List.of(false, true)) {
            var security = starttls ? AmanahConfig.MailSecurity.STARTTLS : AmanahConfig.MailSecurity.TLS;
            for (var cut : Cut.values()) {
                try (var server = new ServerSocket(0)) {
                    var served = cutTheHandshake(server, starttls, cut);
                    var sender = new SmtpSender(config(server.getLocalPort(), security, "", "", trusted, Duration.ofSeconds(1)));

                    softly.assertThat(sender.send(mailTo("aisha@example.org"))).as(security + ", " + cut)
                            .isInstanceOf(SmtpSender.Unreachable.class);
                    served.get(10, TimeUnit.SECONDS);
                }
            }
        }
        softly.assertAll();
    }

    private static int indexOf(List<String> commands, String prefix) {
        return commands.indexOf(commands.stream().filter(c -> c.toUpperCase().startsWith(prefix)).findFirst().orElseThrow());
    }

    private static ReceiptMail mailTo(String address) {
        return new ReceiptMail(address, "Your donation receipt", "Thank you.", "receipt.pdf",
                "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "<AMN-2026-000001.receipt@amanah>");
    }

    /** What the sender makes of one session answered as told (see {@link #serveOnce(ServerSocket, String, String, String, String)}). */
    private static SmtpSender.Result sendAnswered(String greeting, String mail, String rcpt, String accepted) throws IOException {
        try (var server = new ServerSocket(0)) {
            serveOnce(server, greeting, mail, rcpt, accepted);
            return new SmtpSender(config(server.getLocalPort())).send(mailTo("aisha@example.org"));
        }
    }

    @Test
    void a_recipient_refused_for_good_is_permanent_and_the_reason_does_not_name_them() throws Exception {
        var result = sendAnswered("220 scripted", "250 ok", "550 5.1.1 <Aisha@Example.ORG>: Recipient address rejected: User unknown",
                "250 queued");

        assertThat(result).isInstanceOfSatisfying(SmtpSender.Permanent.class, refused -> assertThat(refused.reason())
                .contains("550", "<[recipient]>: Recipient address rejected: User unknown").doesNotContainIgnoringCase("aisha"));
    }

    @Test
    void a_recipient_or_a_message_the_server_defers_is_transient() throws Exception {
        assertThat(sendAnswered("220 scripted", "250 ok", "451 4.7.1 Greylisted, try again later", "250 queued"))
                .isEqualTo(new SmtpSender.Transient("SMTP 451: 451 4.7.1 Greylisted, try again later"));
        assertThat(sendAnswered("220 scripted", "250 ok", "250 ok", "452 4.3.1 Insufficient system storage"))
                .isInstanceOf(SmtpSender.Transient.class);
    }

    @Test
    void a_message_refused_for_good_is_permanent() throws Exception {
        assertThat(sendAnswered("220 scripted", "250 ok", "250 ok", "554 5.7.1 Message rejected"))
                .isEqualTo(new SmtpSender.Permanent("SMTP 554: 554 5.7.1 Message rejected"));
    }

    /**
     * 421 is the server closing the channel (busy, shutting down): the next mail would meet it too.
     * Another 4xx greeting puts this client off for now: unreachable as well, not a refused session.
     */
    @Test
    void a_server_closing_the_channel_with_421_is_unreachable_at_the_greeting_or_later() throws Exception {
        assertThat(sendAnswered("421 4.3.2 Too busy, closing", "250 ok", "250 ok", "250 queued"))
                .isInstanceOfSatisfying(SmtpSender.Unreachable.class, down -> assertThat(down.reason()).startsWith("SMTP 421: ")
                        .contains("Too busy"));
        assertThat(sendAnswered("450 4.7.1 Too many connections from your host, try later", "250 ok", "250 ok", "250 queued"))
                .as("another 4xx greeting: later, not refused").isInstanceOf(SmtpSender.Unreachable.class);
        assertThat(sendAnswered("220 scripted", "421 4.7.0 Try again later, closing connection", "250 ok", "250 queued"))
                .isInstanceOf(SmtpSender.Unreachable.class);
        assertThat(sendAnswered("220 scripted", "250 ok", "421 4.3.2 Shutting down", "250 queued"))
                .isInstanceOf(SmtpSender.Unreachable.class);
    }

    /**
     * RFC 5321 §4.5.3.1.10: 552 to RCPT TO is "too many recipients", which RFC 821 misnumbered
     * (the right code is 452), and a client is to take it as temporary; 552 to the message itself
     * (its size exceeds the storage allocation) stays permanent.
     */
    @Test
    void a_552_to_rcpt_is_transient_as_rfc_5321_says_and_a_552_to_the_message_permanent() throws Exception {
        assertThat(sendAnswered("220 scripted", "250 ok", "552 5.5.3 Too many recipients", "250 queued"))
                .isEqualTo(new SmtpSender.Transient("SMTP 552: 552 5.5.3 Too many recipients"));
        assertThat(sendAnswered("220 scripted", "250 ok", "250 ok", "552 5.3.4 Message size exceeds fixed limit"))
                .isInstanceOf(SmtpSender.Permanent.class);
    }

    /**
     * A server that answers the connection with 554 (RFC 5321 §3.1), or 521 (RFC 7504: it does not
     * accept mail), refuses its service to this sender, whatever the mail: the session is refused,
     * as the next mail would meet the same refusal, and never "refused for good" for a mail it did
     * not see. The client closes the session with QUIT, which such a server waits for.
     */
    @Test
    void a_server_refusing_the_session_at_the_greeting_is_session_refused_and_told_quit() throws Exception {
        for (var greeting : List.of("554 5.7.1 No SMTP service here for 192.0.2.7", "521 5.3.2 This host does not accept mail")) {
            try (var server = new ServerSocket(0)) {
                var commands = serveOnce(server, greeting, "250 ok", "250 ok", "250 queued");

                var result = new SmtpSender(config(server.getLocalPort())).send(mailTo("aisha@example.org"));

                assertThat(result).as(greeting).isInstanceOfSatisfying(SmtpSender.SessionRefused.class, refused -> assertThat(refused.reason())
                        .startsWith("SMTP " + greeting.substring(0, 3) + ": ").contains(greeting));
                assertThat(commands.get(10, TimeUnit.SECONDS)).as(greeting).containsExactly("QUIT");
            }
        }
    }

    /**
     * A refusal of this client's session once it is open (530 authentication required, a failed
     * AUTH, a sender or relay refused at MAIL FROM) is about the relay's configuration, not the
     * mail: every queued mail would meet it, so none is refused for good over it.
     */
    @Test
    void a_server_refusing_our_session_after_the_greeting_is_session_refused_not_the_mail_refused() throws Exception {
        var atMailFrom = List.of("530 5.7.0 Authentication required", "535 5.7.8 Authentication credentials invalid",
                "550 5.7.1 Relaying denied", "553 5.7.1 Sender address rejected: not owned by user receipts@amanah.example");
        for (var answer : atMailFrom) {
            assertThat(sendAnswered("220 scripted", answer, "250 ok", "250 queued")).as(answer)
                    .isEqualTo(new SmtpSender.SessionRefused("SMTP " + answer.substring(0, 3) + ": " + answer,
                            SmtpSender.Remedy.RELAY_RULES));
        }
        assertThat(sendAnswered("220 scripted", "250 ok", "530 5.7.0 Authentication required", "250 queued"))
                .as("530 to RCPT TO").isEqualTo(new SmtpSender.SessionRefused("SMTP 530: 530 5.7.0 Authentication required",
                        SmtpSender.Remedy.RELAY_RULES));
    }

    /**
     * A relay that will not relay for this host says so at RCPT TO, where a refused recipient is
     * refused too (Postfix: "554 5.7.1 <addr>: Relay access denied"): each mail was filed as refused
     * for good, and after the relay was fixed they waited for --include-permanent. A refusal to
     * relay is about this client, as a refused MAIL FROM is; a recipient refused for policy
     * reasons of its own (5.7.1 without relaying) stays permanent.
     */
    @Test
    void a_relay_refusing_to_relay_at_rcpt_to_is_session_refused_not_the_mail_refused() throws Exception {
        var relayRefusals = List.of("554 5.7.1 <donor@example.org>: Relay access denied", "550 5.7.1 Relaying denied",
                "550 relay not permitted", "551 5.7.1 Unable to relay for donor@example.org",
                "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", "550 5.7.64 TenantAttribution; Relay Access Denied",
                "550 5.7.0 Mail relay denied [192.0.2.7]. Invalid credentials for relay for one of the domains in: example.org",
                "550 5.7.1 Invalid credentials for relay [192.0.2.7].",
                "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
                "550 5.7.1 You are not permitted to relay through this server");
        for (var answer : relayRefusals) {
            assertThat(sendAnswered("220 scripted", "250 ok", answer, "250 queued")).as(answer)
                    .isInstanceOf(SmtpSender.SessionRefused.class);
        }
        assertThat(sendAnswered("220 scripted", "250 ok", "550 5.7.1 Recipient rejected: mailbox does not take bulk mail", "250 queued"))
                .as("a recipient's own policy").isInstanceOf(SmtpSender.Permanent.class);
        assertThat(sendAnswered("220 scripted", "250 ok", "550 5.1.1 <donor@example.org>: Recipient address rejected:"
                + " User unknown in relay recipient table", "250 queued")).as("an unknown user on a relay domain")
                .isInstanceOf(SmtpSender.Permanent.class);
        assertThat(sendAnswered("220 scripted", "250 ok", "554 5.7.1 <donor@example.org>: Recipient address rejected: Access"
                + " denied [relay.example.org]", "250 queued")).as("a recipient refused by policy, the relay's host named")
                .isInstanceOf(SmtpSender.Permanent.class);
    }

    @Test
    void a_recipient_whose_domain_accepts_no_mail_is_permanent() throws Exception {
        assertThat(sendAnswered("220 scripted", "250 ok", "556 5.1.10 Recipient address has null MX", "250 queued"))
                .isInstanceOf(SmtpSender.Permanent.class);
    }

    @Test
    void a_malformed_address_is_permanent_and_the_reason_does_not_quote_it() throws Exception {
        try (var server = new ServerSocket(0)) {
            var result = new SmtpSender(config(server.getLocalPort())).send(mailTo("not an address"));

            assertThat(result).isInstanceOfSatisfying(SmtpSender.Permanent.class, refused -> assertThat(refused.reason())
                    .startsWith("bad address: ").doesNotContain("not an address"));
        }
    }
}
