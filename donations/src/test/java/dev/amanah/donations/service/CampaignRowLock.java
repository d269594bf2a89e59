package dev.amanah.donations.service;

import dev.amanah.donations.store.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Forces requests that race in a test to overlap on PostgreSQL: holds a campaign's row lock (the
 * one refunds and distributions take, and that a new donation's reference to its campaign waits
 * for) in a transaction of its own until closed, so that requests started meanwhile get past
 * their first reads and wait at that lock, or behind one that does, together. On SQLite it holds
 * nothing: the one writer runs transactions one at a time, so there is no overlap to force (and
 * holding the writer would only time the racers out).
 */
final class CampaignRowLock implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final AmanahService service;
    private final ExecutorService thread;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Future<?> holder;

    private CampaignRowLock(AmanahService service, String campaignId) {
        this.service = service;
        if (service.database().dialect() != Dialect.POSTGRESQL) {
            this.thread = null;
            this.holder = null;
            return;
        }
        var held = new CountDownLatch(1);
        this.thread = Executors.newVirtualThreadPerTaskExecutor();
        this.holder = thread.submit(() -> service.database().inTransaction(c -> {
            try (var lock = c.prepareStatement("SELECT id FROM campaigns WHERE id = ? FOR UPDATE")) {
                lock.setString(1, campaignId);
                lock.executeQuery().close();
            }
            held.countDown();
            // The transaction stays open, and the row locked, until the test lets it go.
            try {
                return release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        try {
            if (!held.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the campaign's row was never locked");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Locks {@code campaignId}'s row on PostgreSQL (returns once it is held); a no-op on SQLite. */
    static CampaignRowLock holdOnPostgres(AmanahService service, String campaignId) {
        return new CampaignRowLock(service, campaignId);
    }

    /**
     * Waits until {@code count} other sessions of the service's database wait for a lock: the racers
     * queued behind this one. Returns at once on SQLite.
     */
    void awaitWaiters(int count) throws InterruptedException {
        if (holder == null) {
            return;
        }
        var deadline = Instant.now().plus(PATIENCE);
        while (waiting() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + count + " requests ever waited for the campaign's row");
            }
            Thread.sleep(5);
        }
    }

    private long waiting() {
        return service.database().read(c -> {
            try (var query = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
                 var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Lets the row go: the waiting requests go on, one at a time. */
    @Override
    public void close() throws Exception {
        if (holder == null) {
            return;
        }
        release.countDown();
        try {
            holder.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            thread.close();
        }
    }
}
