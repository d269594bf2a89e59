package dev.amanah.donations.config;

import dev.amanah.donations.files.Unreadable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads {@value #KEY}: a file of PEM (or DER) X.509 certificates, the only ones the SMTP relay's
 * certificate may chain to, for an organisation whose relay has a certificate from its own CA;
 * empty (the default) for the JVM's trust store. A path is relative to the working directory. The
 * file is read once, at start: one that is missing, unreadable, or holds no certificate stops the
 * start with a {@link ConfigException} naming the file, so the mailer never starts trusting less
 * (or other) than configured. Stateless.
 */
final class TrustedCertificatesReader {
    static final String KEY = "mail.trustedCertificates";

    private TrustedCertificatesReader() {
    }

    /**
     * The configured certificates, or none (the JVM's trust store).
     *
     * @throws ConfigException naming {@value #KEY}, the file and what is wrong with it
     */
    static List<X509Certificate> read(ConfigTree tree) {
        var text = tree.string(KEY).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(KEY, tree.source(KEY), "'" + text + "' is not a file path: " + e.getReason());
        }
        List<X509Certificate> certificates;
        try (InputStream in = Files.newInputStream(path)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new ConfigException(KEY, tree.source(KEY), path + ": " + Unreadable.why(path, e));
        } catch (CertificateException e) {
            throw new ConfigException(KEY, tree.source(KEY), path + ": not PEM or DER certificates: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(KEY, tree.source(KEY), path + ": holds no certificate");
        }
        return certificates;
    }
}
