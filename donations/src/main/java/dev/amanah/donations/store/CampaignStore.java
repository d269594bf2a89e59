package dev.amanah.donations.store;

import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Currencies;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Campaigns and their state machine ({@link CampaignState}). A state change is one conditional
 * UPDATE on the state it was read in, so two concurrent changes cannot both apply. Every method
 * runs in its own transaction or joins the caller's; thread-safe; blocks on the database.
 *
 * <p>A campaign's {@link CampaignFacts} (name, fund type, currency) never change, so the write
 * path of every donation (its claim, its receipt) reads them from memory after the first time
 * ({@link #facts}): one statement less in each of those transactions. The memory holds one small
 * entry per campaign ever donated to.
 */
public final class CampaignStore {
    /** Every column, in the order {@link #campaign(ResultSet)} reads them by position. */
    private static final String COLUMNS =
            "id, name, fund_type, goal_minor, currency, starts_on, ends_on, state, created_at, updated_at";

    private final Database database;
    private final Sql sql;
    private final Clock clock;
    /** Filled only with rows known committed (after the commit of the transaction that read them). */
    private final ConcurrentHashMap<String, CampaignFacts> facts = new ConcurrentHashMap<>();

    /** A store over an open database, stamping rows with the clock's time. */
    public CampaignStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.sql = new Sql(database);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a new campaign in {@code DRAFT}.
     *
     * @throws StoreException {@code DUPLICATE} if the id is taken
     * @throws IllegalArgumentException for a non-positive goal or an end before the start
     */
    public Campaign create(NewCampaign campaign) {
        var now = Sql.truncate(clock.instant());
        var created = new Campaign(campaign.id(), campaign.name(), campaign.fundType(), campaign.goal(),
                campaign.startsOn(), campaign.endsOn(), CampaignState.DRAFT, now, now);
        return database.inTransaction(c -> {
            int inserted = sql.update(c, "INSERT INTO campaigns (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO NOTHING",
                    created.id(), created.name(), created.fundType(), created.goal().minorUnits(),
                    created.currency().getCurrencyCode(), created.startsOn(), created.endsOn(), created.state(), now, now);
            if (inserted == 0) {
                throw new StoreException(StoreException.Code.DUPLICATE, "campaign " + created.id() + " exists already");
            }
            return created;
        });
    }

    /**
     * The campaign with this id, if any: as committed (or as the caller's own transaction has it),
     * read without waiting for the database's writer ({@link Database#read}).
     */
    public Optional<Campaign> find(String id) {
        return database.read(c -> find(c, id));
    }

    /**
     * The campaign with this id.
     *
     * @throws StoreException {@code NOT_FOUND}
     */
    public Campaign get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** Every campaign, by id. */
    public List<Campaign> all() {
        return database.inTransaction(c -> sql.list(c, "SELECT " + COLUMNS + " FROM campaigns ORDER BY id", this::campaign));
    }

    /** The campaigns in a state, by id (e.g. the active ones, whose statistics run at start-up). */
    public List<Campaign> inState(CampaignState state) {
        return database.inTransaction(c -> sql.list(c,
                "SELECT " + COLUMNS + " FROM campaigns WHERE state = ? ORDER BY id", this::campaign, state));
    }

    /**
     * Moves a campaign to another state.
     *
     * @return the campaign in its new state
     * @throws StoreException {@code NOT_FOUND}, or {@code ILLEGAL_TRANSITION} naming both states
     *                        when the state machine forbids the move (nothing changes)
     */
    public Campaign moveTo(String id, CampaignState target) {
        Objects.requireNonNull(target, "target");
        return database.inTransaction(c -> {
            var campaign = find(c, id).orElseThrow(() -> notFound(id));
            if (!campaign.state().canMoveTo(target)) {
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION, "campaign " + id + " cannot go from "
                        + campaign.state() + " to " + target + " (allowed: " + campaign.state().next() + ")");
            }
            var now = Sql.truncate(clock.instant());
            int updated = sql.update(c, "UPDATE campaigns SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                    target, now, id, campaign.state());
            if (updated == 0) {
                // Another transaction changed it between our read and write (PostgreSQL, READ COMMITTED).
                throw new StoreException(StoreException.Code.ILLEGAL_TRANSITION,
                        "campaign " + id + " changed state concurrently; read it again");
            }
            return new Campaign(campaign.id(), campaign.name(), campaign.fundType(), campaign.goal(),
                    campaign.startsOn(), campaign.endsOn(), target, campaign.createdAt(), now);
        });
    }

    /**
     * The fixed facts of a campaign, if it exists: from memory when they were read before, else
     * read in the caller's transaction (joined, or a write transaction of its own) and kept once
     * that transaction commits (a campaign created by a transaction that rolls back is never kept).
     */
    public Optional<CampaignFacts> facts(String id) {
        var known = facts.get(id);
        return known != null ? Optional.of(known) : database.inTransaction(c -> facts(c, id));
    }

    /** {@link #facts(String)} on the caller's open write transaction {@code c}. */
    Optional<CampaignFacts> facts(Connection c, String id) throws SQLException {
        var known = facts.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        var read = sql.one(c, "SELECT id, name, fund_type, currency FROM campaigns WHERE id = ?",
                rs -> new CampaignFacts(rs.getString(1), rs.getString(2), FundType.valueOf(rs.getString(3)),
                        Currencies.paymentCurrency(rs.getString(4).trim(), "currency")), id);
        read.ifPresent(row -> database.afterCommit(() -> facts.putIfAbsent(row.id(), row)));
        return read;
    }

    Optional<Campaign> find(Connection c, String id) throws SQLException {
        return sql.one(c, "SELECT " + COLUMNS + " FROM campaigns WHERE id = ?", this::campaign, id);
    }

    /** A row of {@link #COLUMNS}, read by position (in that order). */
    private Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getString(1), rs.getString(2), FundType.valueOf(rs.getString(3)),
                Sql.money(rs, 4, 5), sql.date(rs, 6), sql.date(rs, 7),
                CampaignState.valueOf(rs.getString(8)), sql.instant(rs, 9), sql.instant(rs, 10));
    }

    private static StoreException notFound(String id) {
        return new StoreException(StoreException.Code.NOT_FOUND, "no campaign " + id);
    }
}
