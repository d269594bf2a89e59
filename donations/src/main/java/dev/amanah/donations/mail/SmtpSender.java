package dev.amanah.donations.mail;

import dev.amanah.donations.config.AmanahConfig;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends one mail through the configured SMTP server (Jakarta Mail, Eclipse Angus) and says
 * whether a failure is worth retrying. Blocks for one SMTP conversation, at most the configured
 * timeout per connect, read and write. Thread-safe (each send opens its own connection).
 *
 * <p>{@code mail.security} {@code starttls} requires STARTTLS before anything else (a server that
 * does not offer it is sent nothing: {@link SessionRefused}), {@code tls} speaks TLS from the first
 * byte; either checks the server's certificate against the JVM's trust store (or only
 * {@code mail.trustedCertificates}, where set) and its name against the configured host, and a handshake that fails (a certificate this host does not trust or that
 * is for another name, a port that does not speak TLS) sends nothing: {@link SessionRefused} with
 * {@link Remedy#TLS_TRUST}; a connection closed, reset or silent mid-handshake is {@link Unreachable}. With a {@code mail.username}, the sender authenticates (AUTH, RFC 4954)
 * before MAIL FROM (where the server offers AUTH) with the password from the configuration, which
 * it keeps out of the session's properties.
 */
public final class SmtpSender implements Sender {

    /** How a send went. */
    public sealed interface Result permits Sent, Unreachable, SessionRefused, Transient, Permanent {
    }

    /** The server accepted the mail. */
    public record Sent() implements Result {
    }

    /**
     * The server could not be talked to: no connection, a timeout, a conversation cut (the TLS
     * handshake included), a 421
     * closing the channel, another 4xx greeting. It says nothing about this mail, and the next mail would most likely
     * meet the same.
     */
    public record Unreachable(String reason) implements Result {
    }

    /**
     * The server refused this client its session, whatever the mail: 554 or 521 at the greeting, a
     * refused EHLO and HELO, no STARTTLS offered where {@code mail.security} requires it, a failed
     * TLS handshake (the server answered, so it is not {@link Unreachable}), an
     * authentication refusal anywhere (530 authentication required, 534, 535 credentials invalid,
     * 538: RFC 4954), any 5xx to MAIL FROM (the sender address refused, relaying denied), or a 5xx to RCPT TO that refuses to relay for this client (in
     * the words common servers use for it). It says nothing about this mail and every mail would meet it until
     * the relay or this service's {@code mail.*} configuration is changed: an operator's problem,
     * which {@code remedy} names.
     */
    public record SessionRefused(String reason, Remedy remedy) implements Result {
    }

    /** What an operator changes to end a {@link SessionRefused}, in words the mailer logs as its {@code action}. */
    public enum Remedy {
        /** The relay turned this client away: its rules, or this service's idea of them, must change. */
        RELAY_RULES("the relay refuses this service, whatever the mail: let this host and mail.from send through it,"
                + " or set mail.smtpHost, mail.smtpPort, mail.from, mail.security, mail.username and AMANAH_MAIL_PASSWORD"
                + " to what it accepts"),
        /** The TLS handshake failed: this host does not trust the relay's certificate, or it is for another name. */
        TLS_TRUST("the TLS handshake with the relay failed: make this host trust the relay's certificate (the JVM's trust"
                + " store, or its CA in mail.trustedCertificates), set mail.smtpHost to a name the certificate is for, and mail.security to what the port speaks"
                + " (starttls on 587, tls on 465)");

        private final String action;

        Remedy(String action) {
            this.action = action;
        }

        /** What to change, for an operator: names the {@code mail.*} keys concerned. */
        public String action() {
            return action;
        }
    }

    /** The server answered that this mail may work later: a 4xx answer, or 552 to RCPT TO ("too many recipients"). */
    public record Transient(String reason) implements Result {
    }

    /** It will not work: a bad address, a 5xx answer (but those of {@link SessionRefused}) to RCPT TO (but 552) or the message. */
    public record Permanent(String reason) implements Result {
    }

    /** "Service not available, closing transmission channel" (RFC 5321): about the server, not the mail. */
    private static final int SERVICE_CLOSING = 421;
    /**
     * "Requested mail action aborted: exceeded storage allocation", which RFC 821 also used, wrongly,
     * for too many recipients; RFC 5321 §4.5.3.1.10 has a client take it as temporary after RCPT TO.
     */
    private static final int EXCEEDED_STORAGE = 552;
    /**
     * RFC 4954's refusals of authentication (530 required, 534 mechanism too weak, 535 credentials
     * invalid, 538 encryption required): about this client's session, whichever command drew them.
     */
    private static final Set<Integer> AUTHENTICATION_REFUSED = Set.of(530, 534, 535, 538);
    /** A refusal to relay for this client, in the words common servers use; see {@link #refusesToRelay}. */
    private static final Pattern RELAY_REFUSED = Pattern.compile(
            "\\brelay(ing)?\\s+(access\\s+)?(denied|not\\s+permitted|not\\s+allowed|prohibited|refused)"
                    + "|\\b(unable|not\\s+permitted|not\\s+allowed)\\s+to\\s+relay\\b"
                    + "|\\bcredentials\\s+for\\s+relay\\b|\\ballowed\\s+rcpthosts\\b",
            Pattern.CASE_INSENSITIVE);
    /** An enhanced status code (RFC 3463), its subject in group 1: 5.7.1 is security or policy. */
    private static final Pattern ENHANCED_STATUS = Pattern.compile("\\b[245]\\.(\\d{1,3})\\.\\d{1,3}\\b");
    /** Where Angus's "Got bad greeting from SMTP host: ..., response: 554 ..." has the code. */
    private static final Pattern GREETING_CODE = Pattern.compile("response: ([0-9]{3})");

    private final Session session;
    private final Session utf8Session;
    private final String from;

    /**
     * A sender for {@code config}'s server and sender address, whose TLS trusts
     * {@code config.trustedCertificates()} or, if there are none, the JVM's trust store.
     *
     * @throws IllegalStateException if the JVM cannot make a TLS context of those certificates
     */
    public SmtpSender(AmanahConfig.Mail config) {
        var trusting = config.trustedCertificates().isEmpty() ? Optional.<SSLSocketFactory>empty()
                : Optional.of(trusting(config.trustedCertificates()));
        var properties = new Properties();
        var timeout = String.valueOf(config.timeout().toMillis());
        properties.put("mail.smtp.host", config.smtpHost());
        properties.put("mail.smtp.port", String.valueOf(config.smtpPort()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        // A server that refuses the session at the greeting waits for QUIT (RFC 5321 §3.1); Angus
        // would only drop the connection.
        properties.put("mail.smtp.quitonsessionreject", "true");
        switch (config.security()) {
            case NONE -> {
            }
            // Required, not merely used when offered: a server (or a man in the middle) that leaves
            // STARTTLS out of its EHLO reply would otherwise be sent the receipt in clear text.
            case STARTTLS -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                properties.put("mail.smtp.ssl.enable", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        trusting.ifPresent(factory -> {
            // Used by STARTTLS too; the host name is still checked (checkserveridentity).
            properties.put("mail.smtp.ssl.socketFactory", factory);
            // Angus would otherwise follow a failed implicit-TLS handshake with a second connection
            // through the JVM's default factory: one handshake, one verdict, and only this trust.
            properties.put("mail.smtp.socketFactory.fallback", "false");
        });
        if (config.authenticates()) {
            properties.put("mail.smtp.auth", "true");
            properties.put("mail.smtp.user", config.username());
        }
        var authenticator = config.authenticates() ? credentials(config) : null;
        this.session = Session.getInstance(properties, authenticator);
        // For non-ASCII addresses alone (see send): Angus logs each plain send it makes with it.
        var utf8 = new Properties();
        utf8.putAll(properties);
        utf8.put("mail.mime.allowutf8", "true");
        this.utf8Session = Session.getInstance(utf8, authenticator);
        this.from = config.from();
    }

    /** TLS that trusts {@code certificates}, and nothing else, as the relay's chain's anchors. */
    private static SSLSocketFactory trusting(List<X509Certificate> certificates) {
        try {
            var anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            var managers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            managers.init(anchors);
            var context = SSLContext.getInstance("TLS");
            context.init(null, managers.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make TLS trusting mail.trustedCertificates: " + e.getMessage(), e);
        }
    }

    /** The password stays in this authenticator, never in the session's properties, which Angus may print. */
    private static Authenticator credentials(AmanahConfig.Mail config) {
        var authentication = new PasswordAuthentication(config.username(), config.password());
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return authentication;
            }
        };
    }

    /**
     * Sends {@code mail}; never throws for an SMTP or address failure (see {@link Result}). An
     * address with non-ASCII characters ({@code josé@exämple.org}) goes out with SMTPUTF8 and
     * UTF-8 headers (RFC 6531/6532) when the server offers it, and is {@link Permanent} when it
     * does not: sent raw, it would be mangled or bounced on the way. A 421 answer (the server
     * closing the channel: busy, shutting down), at the greeting or later, is {@link Unreachable}:
     * it says nothing about this mail; so is another 4xx greeting. A refusal of this client's session is
     * {@link SessionRefused}: a 554 greeting is the server refusing its service to this client
     * (RFC 5321 §3.1), 521 one that accepts no mail (RFC 7504), and after the greeting a refused
     * EHLO and HELO, no STARTTLS in the EHLO reply where {@code mail.security} is {@code starttls}
     * (nothing more is said: the mail would go in clear text), a failed TLS handshake (one
     * connection, nothing said over it; {@link Remedy#TLS_TRUST}), an authentication refusal to any command (530 authentication required, 534,
     * 535, 538: RFC 4954) or any 5xx to MAIL FROM (550/553 sender rejected, relaying denied), which
     * names no recipient; the client answers with QUIT, as the server expects. That refusal is
     * permanent for the session, not for the mail, which no server refused: the mailer stops its
     * round there, charges that one mail the attempt and tries again after its backoff (once the
     * relay or {@code mail.*} is fixed, the mails go), and a mail whose attempts run out on it is
     * {@code TRANSIENT}, which {@code amanah mail --retry-failed} queues again. A 552 to RCPT TO
     * is {@link Transient} (RFC 5321 §4.5.3.1.10: "too many recipients", 452, historically sent as
     * 552); a 552 to the message (too large) and every other 5xx to RCPT TO or the message
     * (550/553 no such mailbox or address, 554 refused, 556 a domain that accepts no mail, 5.7.x
     * policy refusals) is {@link Permanent}. A failure's reason names no
     * recipient: where the server or the address parser quoted the address, it reads
     * {@code [recipient]}.
     */
    @Override
    public Result send(ReceiptMail mail) {
        var international = !StandardCharsets.US_ASCII.newEncoder().canEncode(mail.to());
        var chosen = international ? utf8Session : session;
        Result result;
        try {
            var message = message(mail, chosen);
            message.saveChanges();
            try (var transport = (SMTPTransport) chosen.getTransport("smtp")) {
                result = deliver(transport, message, international);
            }
        } catch (AddressException e) {
            result = new Permanent("bad address: " + e.getMessage());
        } catch (MessagingException e) {
            result = classify(e);
        }
        return withoutAddress(result, mail.to());
    }

    private static Result deliver(SMTPTransport transport, MimeMessage message, boolean international) throws MessagingException {
        try {
            transport.connect();
        } catch (MessagingException e) {
            var handshake = find(e, SSLException.class);
            if (handshake.isPresent()) {
                var cut = connectionLost(handshake.get());
                if (cut.isPresent()) {
                    return new Unreachable("TLS handshake with the SMTP server cut short: " + handshake.get().getMessage()
                            + " (" + cut.get().getClass().getSimpleName() + ")");
                }
                return new SessionRefused("TLS handshake with the SMTP server failed: " + handshake.get().getMessage(),
                        Remedy.TLS_TRUST);
            }
            // No mail was named yet: whatever the server answered, it is about this client.
            return switch (classify(e)) {
                case Unreachable down -> down;
                case SessionRefused refused -> refused;
                default -> sessionRefused(e);
            };
        }
        if (international && !transport.supportsExtension("SMTPUTF8")) {
            return new Permanent("the SMTP server does not take internationalised addresses (no SMTPUTF8)");
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
            return new Sent();
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    /**
     * A failure of {@code connect} that carries no code in its chain: a refused greeting is a plain
     * MessagingException whose code only its text carries (the transport's last code is that of
     * the QUIT which followed). A 4xx greeting (421 closing the channel, or another "later") puts
     * this client off for now; a 5xx greeting, or a refused EHLO and HELO, refuses it the session.
     */
    private static Result sessionRefused(MessagingException refusal) {
        var text = String.valueOf(refusal.getMessage()).strip();
        var code = GREETING_CODE.matcher(text).results().findFirst().map(found -> Integer.parseInt(found.group(1)));
        if (code.isEmpty()) {
            return new SessionRefused("SMTP session refused: " + text, Remedy.RELAY_RULES);
        }
        var reason = "SMTP " + code.get() + ": " + text;
        return code.get() < 500 ? new Unreachable(reason) : new SessionRefused(reason, Remedy.RELAY_RULES);
    }

    /** {@code result} with every spelling of {@code address} in its reason (any case) replaced: the outbox keeps no personal data. */
    private static Result withoutAddress(Result result, String address) {
        // An empty pattern would match between every character.
        if (address.isEmpty()) {
            return result;
        }
        var pattern = Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        UnaryOperator<String> scrub = reason -> pattern.matcher(reason).replaceAll("[recipient]");
        return switch (result) {
            case Sent sent -> sent;
            case Unreachable(var reason) -> new Unreachable(scrub.apply(reason));
            case SessionRefused(var reason, var remedy) -> new SessionRefused(scrub.apply(reason), remedy);
            case Transient(var reason) -> new Transient(scrub.apply(reason));
            case Permanent(var reason) -> new Permanent(scrub.apply(reason));
        };
    }

    private MimeMessage message(ReceiptMail mail, Session session) throws MessagingException {
        var message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        var text = new MimeBodyPart();
        text.setText(mail.body(), StandardCharsets.UTF_8.name());
        var attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.pdf(), "application/pdf")));
        attachment.setFileName(mail.attachmentName());
        message.setContent(new MimeMultipart(text, attachment));
        return message;
    }

    /**
     * A 421 answer anywhere in the chain means the server closed the channel (unreachable), an
     * authentication refusal or a 5xx to MAIL FROM that it refused this client the session (see
     * {@link SessionRefused}), a 552 to RCPT TO is transient (see {@link #EXCEEDED_STORAGE}),
     * another 5xx is permanent, another 4xx transient; without an answer, an I/O failure in the
     * chain means the server was not reached.
     */
    private static Result classify(MessagingException failure) {
        Throwable cause = failure;
        while (cause != null) {
            int code = switch (cause) {
                case SMTPAddressFailedException e -> e.getReturnCode();
                case SMTPSendFailedException e -> e.getReturnCode();
                default -> 0;
            };
            if (code == SERVICE_CLOSING) {
                return new Unreachable("SMTP " + code + ": " + cause.getMessage().strip());
            }
            if (AUTHENTICATION_REFUSED.contains(code) || code >= 500 && (isMailFrom(cause) || refusesToRelay(cause))) {
                return new SessionRefused("SMTP " + code + ": " + cause.getMessage().strip(), Remedy.RELAY_RULES);
            }
            if (code >= 500 && !(code == EXCEEDED_STORAGE && cause instanceof SMTPAddressFailedException)) {
                return new Permanent("SMTP " + code + ": " + cause.getMessage().strip());
            }
            if (code >= 400) {
                return new Transient("SMTP " + code + ": " + cause.getMessage().strip());
            }
            cause = cause instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : cause.getCause();
        }
        if (failure instanceof SendFailedException sent && sent.getInvalidAddresses() != null
                && sent.getInvalidAddresses().length > 0) {
            return new Permanent("address refused: " + failure.getMessage());
        }
        var reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return find(failure, IOException.class).isPresent() ? new Unreachable(reason) : new Transient(reason);
    }

    /**
     * Whether {@code failure}, a 5xx, says the server will not relay for this client: Postfix's
     * "Relay access denied", Sendmail's "Relaying denied", Exim's "relay not permitted", Exchange's
     * "Unable to relay" (Office 365: "5.7.54 Unable to relay recipient in non-accepted domain",
     * "5.7.64 Relay Access Denied"), Gmail's relay service "5.7.0 Mail relay denied" and "5.7.1
     * Invalid credentials for relay", qmail's "that domain isn't in my list of allowed rcpthosts
     * (#5.7.1)", "not permitted to relay". Servers say it at RCPT TO, where a refused recipient is
     * refused too, so only the words
     * tell the two apart; a reply whose enhanced status code is not 5.7.x (security or policy) is
     * about the recipient whatever its words ("5.1.1 User unknown in relay recipient table").
     */
    private static boolean refusesToRelay(Throwable failure) {
        var text = String.valueOf(failure.getMessage());
        var status = ENHANCED_STATUS.matcher(text);
        return (!status.find() || status.group(1).equals("7")) && RELAY_REFUSED.matcher(text).find();
    }

    /**
     * The failure of the connection itself under {@code handshake}, if that is what ended it: the
     * JDK reports a peer that closes (EOF) or resets the connection mid-handshake as an
     * {@link SSLException} caused by that I/O failure. A verdict of the handshake itself (a
     * certificate not trusted or for another name, an alert from the server, a port not speaking
     * TLS) has no such cause.
     */
    private static Optional<IOException> connectionLost(SSLException handshake) {
        for (Throwable cause = handshake.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException lost && !(cause instanceof SSLException)) {
                return Optional.of(lost);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code failure} is the answer to MAIL FROM, which names the sender and no recipient: a refusal of it refuses every mail. */
    private static boolean isMailFrom(Throwable failure) {
        return failure instanceof SMTPSendFailedException e && e.getCommand() != null
                && e.getCommand().regionMatches(true, 0, "MAIL FROM:", 0, "MAIL FROM:".length());
    }

    /** The first {@code kind} in {@code failure}'s chain of causes. */
    private static <T extends Throwable> Optional<T> find(MessagingException failure, Class<T> kind) {
        Throwable cause = failure;
        while (cause != null) {
            if (kind.isInstance(cause)) {
                return Optional.of(kind.cast(cause));
            }
            cause = cause instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : cause.getCause();
        }
        return Optional.empty();
    }
}
