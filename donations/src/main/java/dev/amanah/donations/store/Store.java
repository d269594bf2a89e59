package dev.amanah.donations.store;

import java.time.Clock;
import java.util.Objects;

/**
 * The persistence layer in one object: the database and a repository for each kind of row, all
 * sharing the database's transactions (a call of one repository inside
 * {@link Database#inTransaction} of another joins it). Closing it closes the pool.
 *
 * <pre>{@code
 * try (var store = Store.open(DatabaseConfig.sqliteDefault())) {
 *     switch (store.idempotency().claim(key, fingerprint)) {
 *         case ClaimResult.Claimed c -> ...;
 *         case ClaimResult.InFlight f -> ...;   // 409
 *         case ClaimResult.Completed done -> ...;  // replay done.status(), done.body()
 *         case ClaimResult.Mismatch m -> ...;   // 422
 *     }
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
    private final Database database;
    private final IdempotencyStore idempotency;
    private final CampaignStore campaigns;
    private final LedgerStore ledger;
    private final DonationStore donations;
    private final RefundStore refunds;
    private final PayoutStore payouts;
    private final PlanStore plans;
    private final ReviewStore reviews;

    /** Repositories over an open database, stamping rows with {@code clock} (use UTC). */
    public Store(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.idempotency = new IdempotencyStore(database, clock);
        this.campaigns = new CampaignStore(database, clock);
        this.ledger = new LedgerStore(database, clock);
        this.donations = new DonationStore(database, clock, ledger, campaigns);
        this.refunds = new RefundStore(database, clock, ledger, donations);
        this.payouts = new PayoutStore(database, clock, ledger);
        this.plans = new PlanStore(database, clock, ledger, payouts);
        this.reviews = new ReviewStore(database, clock);
    }

    /**
     * Opens and migrates the database ({@link Database#open}) with the system's UTC clock.
     *
     * @throws StoreException {@code DATABASE_UNAVAILABLE} or {@code DATABASE_ERROR}
     */
    public static Store open(DatabaseConfig config) {
        return new Store(Database.open(config), Clock.systemUTC());
    }

    /** The database, for transactions that span repositories. */
    public Database database() {
        return database;
    }

    /** Idempotency keys. */
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    /** Campaigns. */
    public CampaignStore campaigns() {
        return campaigns;
    }

    /** The ledger. */
    public LedgerStore ledger() {
        return ledger;
    }

    /** Donations. */
    public DonationStore donations() {
        return donations;
    }

    /** Refunds. */
    public RefundStore refunds() {
        return refunds;
    }

    /** Distribution payouts. */
    public PayoutStore payouts() {
        return payouts;
    }

    /** Distribution plans and their approvals. */
    public PlanStore plans() {
        return plans;
    }

    /** Donations held for review. */
    public ReviewStore reviews() {
        return reviews;
    }

    /** Closes the database's pool. */
    @Override
    public void close() {
        database.close();
    }
}
