package dev.amanah.donations.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed server certificates made at test time with the running JDK's own {@code keytool}
 * (no keystore is checked in, none can expire in the repository), for a scripted SMTP server to
 * speak TLS with, and their certificates for a sender to trust.
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A fresh directory for this test's keystores. */
    public static TestCertificates in(Path dir) {
        return new TestCertificates(dir);
    }

    /**
     * A key pair and a self-signed certificate, valid two days, for {@code subjectAltNames}
     * (keytool's form: {@code ip:127.0.0.1,dns:localhost}); returns the server's TLS context.
     */
    public SSLContext server(String name, String subjectAltNames) throws IOException, InterruptedException, GeneralSecurityException {
        var keystore = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + subjectAltNames, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", new String(PASSWORD),
                "-file", certificate(name).toString());
        var keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        var managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD);
        var context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return context;
    }

    /** The PEM file of the certificate {@link #server} made as {@code name}. */
    public Path certificate(String name) {
        return dir.resolve(name + ".pem");
    }

    /** The certificates {@link #server} made as {@code names}, for a sender to trust. */
    List<X509Certificate> certificates(String... names) throws IOException, GeneralSecurityException {
        var certificates = new ArrayList<X509Certificate>();
        var factory = CertificateFactory.getInstance("X.509");
        for (var name : names) {
            try (InputStream in = Files.newInputStream(certificate(name))) {
                certificates.add((X509Certificate) factory.generateCertificate(in));
            }
        }
        return certificates;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
