package dev.amanah.donations.campaign;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.Pid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for the service's database in these tests: donations and refunds "committed" in memory,
 * totals computed from them on load. Tells {@code observer} of every load, can hold a load until
 * released and can fail the first loads.
 */
final class FakeLedger implements CampaignTotalsSource {
    /** Sent to the observer when a load has read the ledger (before any hold). */
    record Loaded(String campaignId, long donations) {
    }

    private final Money goal;
    private final Pid observer;
    private final List<DonationReceived> donations = new ArrayList<>();
    private final List<DonationRefunded> refunds = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile CountDownLatch hold;

    FakeLedger(Money goal, Pid observer) {
        this.goal = goal;
        this.observer = observer;
    }

    synchronized void commit(DonationReceived donation) {
        donations.add(donation);
    }

    synchronized void commit(DonationRefunded refund) {
        refunds.add(refund);
    }

    void failNextLoads(int count) {
        failuresLeft.set(count);
    }

    /** Makes the next loads wait for {@link #release()} after reading. */
    void holdLoads() {
        hold = new CountDownLatch(1);
    }

    void release() {
        hold.countDown();
    }

    @Override
    public CampaignTotals load(String campaignId) throws Exception {
        if (failuresLeft.getAndDecrement() > 0) {
            observer.send(new Loaded(campaignId, -1));
            throw new IllegalStateException("database unavailable (simulated)");
        }
        CampaignTotals totals = totals(campaignId);
        observer.send(new Loaded(campaignId, totals.donationCount()));
        var gate = hold;
        if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the load");
        }
        return totals;
    }

    synchronized CampaignTotals totals(String campaignId) {
        var received = Money.zero(goal.currency());
        var refunded = Money.zero(goal.currency());
        var donors = new HashSet<String>();
        var recent = new ArrayList<CampaignTotals.Recent>();
        long count = 0;
        for (var d : donations) {
            if (d.campaignId().equals(campaignId)) {
                received = received.plus(d.amount());
                donors.add(d.donorRef());
                recent.add(new CampaignTotals.Recent(d.donationId(), d.at(), false));
                count++;
            }
        }
        long refundCount = 0;
        for (var r : refunds) {
            if (r.campaignId().equals(campaignId)) {
                refunded = refunded.plus(r.amount());
                recent.add(new CampaignTotals.Recent(r.refundId(), r.at(), true));
                refundCount++;
            }
        }
        return new CampaignTotals(campaignId, goal, received, refunded, count, refundCount, donors, recent);
    }

    static Instant now() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }
}
