package dev.amanah.donations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.amanah.donations.receipt.ReceiptIssuer;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.NewCampaign;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.OutboxMail;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amanah mail --retry-failed}: queues the mails given up on after transient failures again,
 * once, those refused for good only with {@code --include-permanent}, and refuses a bad date.
 */
class MailCommandTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Amanah.commandLine(NOW);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        var code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        return Files.writeString(dir.resolve("amanah.yaml"), """
                database:
                  dataDir: %s
                """.formatted(dir.resolve("data")));
    }

    private <T> T withOutbox(Function<MailOutboxStore, T> work) {
        var url = "jdbc:sqlite:" + dir.resolve("data").resolve("amanah.db");
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), NOW)) {
            return work.apply(new MailOutboxStore(store.database(), NOW));
        }
    }

    /**
     * Two receipted donations whose mails the mailer gave up on, the first after an outage, the
     * second refused for good; returns their receipts' serials.
     */
    private List<String> twoFailedMails() {
        var url = "jdbc:sqlite:" + dir.resolve("data").resolve("amanah.db");
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(url, "", "")), NOW)) {
            store.campaigns().create(new NewCampaign("zakat-2026", "Zakat 2026", FundType.ZAKAT, Money.of("10000.00", "GBP"),
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
            store.campaigns().moveTo("zakat-2026", CampaignState.ACTIVE);
            var outbox = new MailOutboxStore(store.database(), NOW);
            var issuer = new ReceiptIssuer(store.database(), store.donations(), store.campaigns(),
                    new ReceiptStore(store.database(), NOW, store.donations()), outbox,
                    new ReceiptIssuer.Settings(new Charity("Amanah Trust", "1 Example Street", "1234567"), "AMN", ZoneOffset.UTC, true),
                    () -> { });
            return List.of("d-1", "d-2").stream().map(id -> {
                var amount = Money.of("10.00", "GBP");
                store.donations().create(new NewDonation(id, "key-" + id, "zakat-2026", Donor.of(id, id + "@example.org", "Donor"), amount));
                store.donations().markValidated(id);
                store.donations().markCharged(id, "ch-" + id);
                store.donations().record(id, "donation " + id,
                        List.of(Entry.debit(Account.clearing("sandbox"), amount), Entry.credit(Account.campaign("zakat-2026"), amount)));
                var serial = issuer.issueFor(id).receipt().orElseThrow().serial();
                var mail = outbox.forReceipt(serial).orElseThrow().id();
                if (id.equals("d-1")) {
                    outbox.markFailed(mail, 8, OutboxMail.FailureKind.TRANSIENT, "gave up after 8 attempts: timeout");
                } else {
                    outbox.markFailed(mail, 1, OutboxMail.FailureKind.PERMANENT, "SMTP 550: 5.1.1 mailbox does not exist");
                }
                return serial;
            }).toList();
        }
    }

    @Test
    void only_mails_given_up_on_after_transient_failures_are_queued_again_and_once() throws IOException {
        var config = config();
        var serials = twoFailedMails();

        var first = run("mail", "--retry-failed", "--config", config.toString());
        var second = run("mail", "--retry-failed", "--config", config.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("amanah mail: 1 failed mail queued again: 1 transient, 0 permanent;"
                + " 1 permanent skipped (--include-permanent queues them); mail.enabled is false in this configuration:"
                + " no mailer sends them until it is true\n");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("amanah mail: 0 failed mails queued again: 0 transient, 0 permanent;"
                + " 1 permanent skipped (--include-permanent queues them)\n");
        var mails = withOutbox(outbox -> serials.stream().map(serial -> outbox.forReceipt(serial).orElseThrow()).toList());
        assertThat(mails).extracting(OutboxMail::status, OutboxMail::attempts).containsExactly(
                tuple(OutboxMail.Status.PENDING, 0), tuple(OutboxMail.Status.FAILED, 1));
        assertThat(mails.get(1).lastError()).contains("SMTP 550: 5.1.1 mailbox does not exist");
        assertThat(withOutbox(MailOutboxStore::pendingCount)).isEqualTo(1);
    }

    @Test
    void include_permanent_queues_the_mails_refused_for_good_too() throws IOException {
        var config = config();
        var serials = twoFailedMails();

        var first = run("mail", "--retry-failed", "--include-permanent", "--since", "2026-12-01", "--config", config.toString());
        var second = run("mail", "--retry-failed", "--include-permanent", "--config", config.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("amanah mail: 2 failed mails queued again (of those queued since 2026-12-01): 1 transient,"
                + " 1 permanent; 0 permanent skipped; mail.enabled is false in this configuration: no mailer sends them until it is true\n");
        assertThat(second.out()).isEqualTo("amanah mail: 0 failed mails queued again: 0 transient, 0 permanent; 0 permanent skipped\n");
        var mails = withOutbox(outbox -> serials.stream().map(serial -> outbox.forReceipt(serial).orElseThrow()).toList());
        assertThat(mails).allSatisfy(mail -> {
            assertThat(mail.status()).isEqualTo(OutboxMail.Status.PENDING);
            assertThat(mail.attempts()).isZero();
            assertThat(mail.failureKind()).isEmpty();
        });
    }

    @Test
    void a_day_after_every_failed_mail_queues_none() throws IOException {
        var config = config();
        twoFailedMails();

        var run = run("mail", "--retry-failed", "--include-permanent", "--since", "2026-12-05", "--config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("amanah mail: 0 failed mails queued again (of those queued since 2026-12-05): 0 transient,"
                + " 0 permanent; 0 permanent skipped\n");
        assertThat(withOutbox(MailOutboxStore::pendingCount)).isZero();
    }

    /** With mail on, the service's mailer sends what was queued on its next sweep, at most mail.backoffBase away. */
    @Test
    void with_mail_on_it_says_when_the_mailer_sends_them() throws IOException {
        var config = Files.writeString(config(), """
                mail:
                  enabled: true
                  backoffBase: 45s
                """, java.nio.file.StandardOpenOption.APPEND);
        twoFailedMails();

        var run = run("mail", "--retry-failed", "--config", config.toString());

        assertThat(run.out()).isEqualTo("amanah mail: 1 failed mail queued again: 1 transient, 0 permanent;"
                + " 1 permanent skipped (--include-permanent queues them); the running service's mailer sends them within 45s"
                + " (mail.backoffBase), or at its next start\n");
    }

    @Test
    void a_date_that_is_not_a_day_is_refused_and_changes_nothing() throws IOException {
        var config = config();
        twoFailedMails();

        var run = run("mail", "--retry-failed", "--since", "2026-13-01", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("amanah mail: INVALID_VALUE --since: '2026-13-01' is not a day like 2026-03-01");
        assertThat(withOutbox(MailOutboxStore::pendingCount)).isZero();
    }
}
