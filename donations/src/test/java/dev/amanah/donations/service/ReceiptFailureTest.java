package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.CapturedLog;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.Store;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receipt that cannot be issued, for real, never keeps a charged donation out of the ledger:
 * the donor is charged once, the donation is recorded (ledger, charge, its 201 stored and
 * replayed) and left {@code RECORDED} without a receipt, the failure is logged as
 * {@code event=receipt_failed} without the donor's name or e-mail, and nothing is lost: a restart
 * issues the receipt once the cause is gone, or leaves the donation recorded (and the service
 * up) while it is not. The cause, for real: a day the Umm al-Qura tables of the Hijri date do not
 * reach (they end on 2174-11-25), through the service's clock and the receipts' zone.
 */
@InProcess.Tests
class ReceiptFailureTest {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres("receipt_failure_");

    private static final Currency GBP = Currency.getInstance("GBP");
    private static final String PIPELINE_LOG = "dev.amanah.donations.pipeline";
    private static final String SERVICE_LOG = "dev.amanah.donations.service";

    @TempDir
    Path dir;

    private CapturedLog log;

    @BeforeEach
    void captureLogs() {
        log = CapturedLog.of(PIPELINE_LOG, SERVICE_LOG);
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    /** SQLite: the service's clock in 2190, past the Umm al-Qura tables, so every receipt's Hijri date fails. */
    @Test
    void a_receipt_date_the_hijri_calendar_cannot_print_leaves_the_donation_recorded_and_the_service_up() throws Exception {
        var clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2190-06-01T12:00:00Z")));
        var config = TestServices.config(dir, Map.of());
        Api.Reply accepted;
        try (var service = AmanahService.start(config, clock)) {
            accepted = donateOnceRecordedWithoutReceipt(service, clock);
            assertThat(receiptFailures(id(accepted))).singleElement().satisfies(line ->
                    assertThat(line).contains("error=IllegalArgumentException", "Umm al-Qura", "outcome=recorded_without_receipt"));
        }

        // The cause is still there: recovery tries once more, logs it, and the service starts all the same.
        log.clear();
        try (var service = AmanahService.start(config, clock)) {
            assertThat(new Api(service.port()).donate("key-1", Api.donation("far", 2500, "tok_visa"))).isEqualTo(accepted);
            assertRecordedWithoutReceipt(service, accepted, clock);
            assertThat(receiptFailures(id(accepted))).singleElement()
                    .satisfies(line -> assertThat(line).contains("outcome=still_recorded_without_receipt"));
            assertThat(log.messages()).anySatisfy(line -> assertThat(line).contains("event=recovery_done", "receipts_failed=1"));
        }
    }

    /**
     * PostgreSQL: at 20:00 UTC on the tables' last day, receipts printed in UTC+14 fall on the day
     * after; set back to UTC, a restart issues the receipt.
     */
    @Test
    void a_receipt_zone_past_the_hijri_tables_leaves_the_donation_recorded_until_a_restart_receipts_it() throws Exception {
        var clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2174-11-25T20:00:00Z")));
        var database = POSTGRES.environment(POSTGRES.createDatabase());
        var farEast = new HashMap<>(database);
        farEast.put("AMANAH_RECEIPTS_ZONE", "Pacific/Kiritimati");
        Api.Reply accepted;
        try (var service = AmanahService.start(TestServices.config(dir, farEast), clock)) {
            accepted = donateOnceRecordedWithoutReceipt(service, clock);
            assertThat(receiptFailures(id(accepted))).singleElement()
                    .satisfies(line -> assertThat(line).contains("error=IllegalArgumentException", "2174-11-26"));
        }

        try (var service = AmanahService.start(TestServices.config(dir, database), clock)) {
            assertThat(new Api(service.port()).donate("key-1", Api.donation("far", 2500, "tok_visa"))).isEqualTo(accepted);
            var store = new Store(service.database(), clock);
            assertThat(store.donations().get(id(accepted)).phase()).isEqualTo(DonationPhase.RECEIPTED);
            var receipt = new ReceiptStore(service.database(), clock, store.donations()).originalOf(id(accepted)).orElseThrow();
            assertThat(receipt.paymentReference()).isEqualTo(accepted.json().get("chargeId").asText());
            assertThat(receipt.donatedOnHijri()).endsWith("1600 AH");
            assertThat(store.ledger().transactionsAfter(0, 10)).hasSize(1);
            assertThat(service.sandbox().chargeCounts()).isEqualTo(Map.of("key-1", 1L));
            assertThat(log.messages()).anySatisfy(line -> assertThat(line).contains("event=recovery_done", "receipted=1", "receipts_failed=0"));
        }
    }

    /**
     * Opens a campaign, donates with key {@code key-1}, and checks the donation was accepted (201,
     * replayed alike) and recorded without a receipt; its answer.
     */
    private static Api.Reply donateOnceRecordedWithoutReceipt(AmanahService service, Clock clock) throws Exception {
        var api = new Api(service.port());
        openCampaign(api, "far");
        var accepted = api.donate("key-1", Api.donation("far", 2500, "tok_visa"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(api.donate("key-1", Api.donation("far", 2500, "tok_visa"))).isEqualTo(accepted);
        assertRecordedWithoutReceipt(service, accepted, clock);
        return accepted;
    }

    private static void assertRecordedWithoutReceipt(AmanahService service, Api.Reply accepted, Clock clock) {
        var store = new Store(service.database(), clock);
        var donation = store.donations().get(id(accepted));
        assertThat(donation.phase()).isEqualTo(DonationPhase.RECORDED);
        assertThat(donation.gatewayChargeId()).contains(accepted.json().get("chargeId").asText());
        assertThat(store.ledger().creditBalance(Account.campaign("far"), GBP)).isEqualTo(Money.of("25.00", "GBP"));
        assertThat(store.ledger().transactionsAfter(0, 10)).hasSize(1);
        assertThat(new ReceiptStore(service.database(), clock, store.donations()).originalOf(donation.id())).isEmpty();
        assertThat(service.sandbox().chargeCounts()).isEqualTo(Map.of("key-1", 1L));
    }

    /** The receipt_failed lines about {@code donationId}, each checked to hold no personal data of the donor. */
    private List<String> receiptFailures(String donationId) {
        var lines = log.messages().stream().filter(line -> line.contains("event=receipt_failed")).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("donation=" + donationId)
                .doesNotContain("Aisha", "aisha@example.org"));
        return lines;
    }

    private static String id(Api.Reply accepted) {
        return accepted.json().get("donationId").asText();
    }

    /** An active GBP campaign open until 2199 (so that a clock in 2190 may donate to it). */
    private static void openCampaign(Api api, String id) {
        var created = api.asStaff().post("/api/campaigns", """
                {"id": "%s", "name": "Far campaign", "fundType": "SADAQAH", "goalMinor": 1000000, "currency": "GBP",
                 "startsOn": "2020-01-01", "endsOn": "2199-12-31"}""".formatted(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var activated = api.asStaff().post("/api/campaigns/" + id + "/state", "{\"state\": \"ACTIVE\"}");
        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
    }
}
