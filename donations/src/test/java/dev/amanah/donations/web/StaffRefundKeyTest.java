package dev.amanah.donations.web;

import static dev.amanah.donations.web.Http.form;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.service.AmanahService;
import dev.amanah.donations.staff.Role;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.NewRefund;
import dev.amanah.donations.store.RefundStatus;
import dev.amanah.donations.store.RefundStore;
import dev.amanah.finance.ledger.Account;
import dev.amanah.finance.ledger.Entry;
import dev.amanah.finance.money.Money;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refund's idempotency key, which the staff refund form takes from a hidden field: a key the
 * payment provider would refuse is refused before anything is booked, and a refund that an
 * earlier version booked with such a key is voided at the next start instead of stopping it.
 */
class StaffRefundKeyTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path dataDir;

    @Test
    void aKeyTheProviderWouldRefuseIsRefusedWithANoticeAndNothingIsBooked() {
        var service = WebTestService.start(dataDir);
        try {
            WebTestService.addStaff(service, "prep", PASSWORD, Role.PREPARER);
            var donation = donation(service);
            try (var http = Http.loggedIn(service.port(), "prep", PASSWORD)) {
                var page = http.get("/staff");
                var spaced = http.postForm("/staff/refunds",
                        form("csrf", page.csrf(), "key", "my refund", "donationId", donation, "amount", "10.00"));
                var missing = http.postForm("/staff/refunds", form("csrf", page.csrf(), "donationId", donation, "amount", "10.00"));
                var tooLong = http.postForm("/staff/refunds",
                        form("csrf", page.csrf(), "key", "k".repeat(201), "donationId", donation, "amount", "10.00"));
                for (var reply : List.of(spaced, missing, tooLong)) {
                    assertThat(reply.status()).isEqualTo(303);
                    assertThat(reply.response().headers().firstValue("Location").orElseThrow()).contains("INVALID_IDEMPOTENCY_KEY");
                }
                assertThat(refunds(service).ofDonation(donation)).isEmpty();
                assertThat(http.get("/api/campaigns/keys").json().path("stats").path("refundedMinor").asLong()).isZero();
            }
        } finally {
            service.stop();
        }
    }

    @Test
    void aRefundBookedWithSuchAKeyIsVoidedAtTheNextStartAndTheMoneyIsBackInTheCampaign() {
        var service = WebTestService.start(dataDir);
        String donation;
        Money before;
        try {
            donation = donation(service);
            var ledger = new LedgerStore(service.database(), Clock.systemUTC());
            var ten = Money.ofMinor(1000, GBP);
            before = ledger.creditBalance(Account.campaign("keys"), GBP);
            // As the form did before keys were checked: booked, then never sent to the provider.
            refunds(service).request(new NewRefund("ref_stuck", "my refund", donation, ten, "refund ref_stuck",
                    List.of(Entry.debit(Account.campaign("keys"), ten), Entry.credit(Account.refundsPayable(), ten)),
                    List.of(Entry.debit(Account.refundsPayable(), ten), Entry.credit(Account.clearing("sandbox"), ten))));
        } finally {
            service.stop();
        }
        var again = WebTestService.start(dataDir); // recovery settles the pending refund before the service answers
        try {
            assertThat(refunds(again).find("ref_stuck").orElseThrow().status()).isEqualTo(RefundStatus.VOIDED);
            assertThat(new LedgerStore(again.database(), Clock.systemUTC()).creditBalance(Account.campaign("keys"), GBP))
                    .isEqualTo(before);
        } finally {
            again.stop();
        }
    }

    /** A campaign "keys" and a donation of 50.00 to it; the donation's id. */
    private static String donation(AmanahService service) {
        try (var setup = WebTestService.preparer(service)) {
            setup.activeCampaign("keys", "Keys");
            return setup.donate("keys", 5000, "key-donation");
        }
    }

    private static RefundStore refunds(AmanahService service) {
        var db = service.database();
        var clock = Clock.systemUTC();
        var ledger = new LedgerStore(db, clock);
        return new RefundStore(db, clock, ledger, new DonationStore(db, clock, ledger, new CampaignStore(db, clock)));
    }
}
