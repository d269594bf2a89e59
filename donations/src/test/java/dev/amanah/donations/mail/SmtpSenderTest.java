package dev.amanah.donations.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.config.AmanahConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SMTP conversation itself, against a scripted server that offers SMTPUTF8 (GreenMail does not). */
class SmtpSenderTest {

    /** Answers one SMTP session offering SMTPUTF8, and completes with the commands it was sent. */
    private static CompletableFuture<List<String>> serveOnce(ServerSocket server) {
        var commands = new CompletableFuture<List<String>>();
        Thread.ofVirtual().start(() -> {
            try (var socket = server.accept();
                 var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                 var out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
                var seen = new ArrayList<String>();
                out.print("220 scripted\r\n");
                for (String line; (line = in.readLine()) != null; ) {
                    seen.add(line);
                    var verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                    switch (verb) {
                        case "EHLO" -> out.print("250-scripted\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                        case "DATA" -> {
                            out.print("354 go on\r\n");
                            for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                                seen.add("> " + data);
                            }
                            out.print("250 queued\r\n");
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

    @Test
    void an_internationalised_address_goes_out_with_smtputf8_where_the_server_offers_it() throws Exception {
        try (var server = new ServerSocket(0)) {
            var commands = serveOnce(server);
            var config = new AmanahConfig.Mail(true, "127.0.0.1", server.getLocalPort(), "receipts@amanah.example",
                    Duration.ofSeconds(5), 3, Duration.ofSeconds(1), Duration.ofSeconds(4));
            var mail = new ReceiptMail("josé@exämple.org", "Your donation receipt", "Thank you.", "receipt.pdf",
                    "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "<AMN-2026-000001.receipt@amanah>");

            assertThat(new SmtpSender(config).send(mail)).isEqualTo(new SmtpSender.Sent());

            var seen = commands.get(10, TimeUnit.SECONDS);
            assertThat(seen).anySatisfy(c -> assertThat(c).startsWith("MAIL FROM:<receipts@amanah.example>").contains("SMTPUTF8"));
            assertThat(seen).contains("RCPT TO:<josé@exämple.org>", "> To: josé@exämple.org");
        }
    }
}
