package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.amanah.donations.mail.ReceiptMailer;
import dev.amanah.donations.receipt.StatementPdf;
import dev.amanah.donations.receipt.Statements;
import dev.amanah.donations.store.Charity;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.Donor;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.NewDonation;
import dev.amanah.donations.store.OutboxMail;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receipts in the running service: issued by the pipeline in the donation's last step, mailed by
 * the supervised mailer through a real SMTP server (GreenMail), and issued once by recovery for a
 * donation a dead run left RECORDED.
 */
@InProcess.Tests
class ReceiptServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private Map<String, String> mailOn() {
        return Map.of("AMANAH_MAIL_ENABLED", "true", "AMANAH_MAIL_SMTP_HOST", "127.0.0.1",
                "AMANAH_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()),
                "AMANAH_MAIL_BACKOFF_BASE", "200ms", "AMANAH_MAIL_BACKOFF_MAX", "1s",
                "AMANAH_ORGANISATION_NAME", "Test Relief Trust");
    }

    private static ReceiptStore receipts(AmanahService service) {
        var store = new Store(service.database(), Clock.systemUTC());
        return new ReceiptStore(service.database(), Clock.systemUTC(), store.donations());
    }

    /**
     * A donation refunded in full keeps its receipt (receipts are never edited), and the donor's
     * statement nets the refund out: it never states as given money the donor got back.
     */
    @Test
    void aFullyRefundedDonationIsNotCountedAsGivenOnTheDonorsStatement() {
        var clock = Clock.systemUTC();
        try (var service = AmanahService.start(TestServices.config(dir, Map.of()), clock)) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var gift = api.donate("gift-1", Api.donation("ramadan", 2500, "tok_visa"));
            assertThat(gift.status()).as(gift.body()).isEqualTo(201);
            var refund = api.refund(gift.json().get("donationId").asText(), 2500, "refund-all-1");
            assertThat(refund.status()).as(refund.body()).isEqualTo(201);

            var store = new Store(service.database(), clock);
            var donorId = store.donations().findByIdempotencyKey("gift-1").orElseThrow().donor().id();
            var statements = new Statements(new ReceiptStore(service.database(), clock, store.donations()),
                    new Charity("Amanah", "1 High Street", "1234567"), ZoneOffset.UTC, clock);
            var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            var statement = statements.forDonor(donorId, today.minusDays(1), today.plusDays(1));

            assertThat(statement.receipts()).hasSize(1); // the receipt stands as issued
            assertThat(statement.refunds()).extracting(StatementPdf.Refund::amount).containsExactly(Money.of("25.00", "GBP"));
            var given = statement.totals().getOrDefault(Currency.getInstance("GBP"), Money.of("0.00", "GBP"));
            assertThat(given).as("total given after a full refund").isEqualTo(Money.of("0.00", "GBP"));
        }
    }

    @Test
    void an_accepted_donation_is_receipted_once_and_the_receipt_mailed_by_the_supervised_mailer() throws Exception {
        try (var service = AmanahService.start(TestServices.config(dir, mailOn()), Clock.systemUTC())) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");

            var accepted = api.donate("key-1", Api.donation("ramadan", 2500, "tok_visa"));
            var replay = api.donate("key-1", Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
            assertThat(replay).isEqualTo(accepted);
            var donationId = accepted.json().get("donationId").asText();
            var receipt = receipts(service).originalOf(donationId).orElseThrow();
            assertThat(receipt.amount()).isEqualTo(Money.of("25.00", "GBP"));
            assertThat(receipt.charity().name()).isEqualTo("Test Relief Trust");
            assertThat(receipt.paymentReference()).isEqualTo(accepted.json().get("chargeId").asText());
            assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
            assertThat(smtp.getReceivedMessages()[0].getSubject()).contains(receipt.serial(), "Test Relief Trust");

            // The mailer is supervised: killed, it is restarted and mails the next receipt. (Synced
            // first: killed between the server's acceptance and SENT, it would send the mail again.)
            assertThat(ReceiptMailer.drainNow(ReceiptMailer.NAME, WAIT)).isZero();
            var mailer = Processes.whereis(ReceiptMailer.NAME).orElseThrow();
            Processes.exit(mailer, ExitReason.KILL);
            var second = api.donate("key-2", Api.donation("ramadan", 1000, "tok_visa_2").replace("aisha@", "omar@"));
            assertThat(second.status()).as(second.body()).isEqualTo(201);
            assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
            assertThat(Processes.whereis(ReceiptMailer.NAME)).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(mailer));
            assertThat(ReceiptMailer.drainNow(ReceiptMailer.NAME, WAIT)).isZero();
            assertThat(List.of(smtp.getReceivedMessages())).extracting(m -> m.getAllRecipients()[0].toString())
                    .containsExactly("aisha@example.org", "omar@example.org");
            assertThat(receipts(service).countInYear(receipt.year())).isEqualTo(2);
        }
    }

    @Test
    void recovery_receipts_a_donation_a_dead_run_left_recorded_and_mails_it_once() throws Exception {
        var config = TestServices.config(dir, mailOn());
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            new Api(service.port()).activeCampaign("ramadan");
        }
        // A run that died right after the ledger commit, before its receipt.
        try (var store = new Store(Database.open(DatabaseConfig.fromUrl(config.database().jdbcUrl(), "", "")), Clock.systemUTC())) {
            var amount = Money.of("40.00", "GBP");
            store.donations().create(new NewDonation("d-dead", "key-dead", "ramadan", Donor.of("donor-1", "aisha@example.org", "Aisha"), amount));
            store.donations().markValidated("d-dead");
            store.donations().markCharged("d-dead", "ch-dead");
            store.donations().record("d-dead", "donation d-dead",
                    List.of(Entry.debit(Account.clearing(AmanahService.GATEWAY), amount), Entry.credit(Account.campaign("ramadan"), amount)));
        }

        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            assertThat(smtp.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
            assertThat(ReceiptMailer.drainNow(ReceiptMailer.NAME, WAIT)).isZero();
            var receipt = receipts(service).originalOf("d-dead").orElseThrow();
            var store = new Store(service.database(), Clock.systemUTC());
            assertThat(store.donations().get("d-dead").phase()).isEqualTo(DonationPhase.RECEIPTED);
            assertThat(new MailOutboxStore(service.database(), Clock.systemUTC()).forReceipt(receipt.serial()))
                    .hasValueSatisfying(mail -> assertThat(mail.status()).isEqualTo(OutboxMail.Status.SENT));
            assertThat(receipts(service).countInYear(receipt.year())).isEqualTo(1);
        }
        // A third start finds nothing to do: still one receipt, one mail.
        try (var service = AmanahService.start(config, Clock.systemUTC())) {
            assertThat(ReceiptMailer.drainNow(ReceiptMailer.NAME, WAIT)).isZero();
            assertThat(receipts(service).countInYear(receipts(service).originalOf("d-dead").orElseThrow().year())).isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
        }
    }
}
