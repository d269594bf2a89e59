package dev.amanah.examples.genserver;

import dev.amanah.finance.money.Money;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The seed's {@code FinancialDomain.Campaigns.StatsAggregator}: campaign statistics held by one
 * {@link GenServer}, updated by casts and read by calls. Every callback runs in the server's
 * process, one message at a time, so the state needs no lock; it never leaves the server except as
 * an immutable copy.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>Totals are exact {@link Money}, kept per currency: the seed adds bare numbers, so 10 USD and
 *       10 EUR would make "20". A campaign's stats are {@link CampaignStats}{@code (count, totals)};
 *       the seed's {@code %{count: 0, total: 0}} for an unknown campaign is {@link CampaignStats#EMPTY}.</li>
 *   <li>{@link #recordDonation} refuses a zero or negative amount in the caller. A cast cannot
 *       answer, so the seed would silently add it (a negative "donation" lowering the total).</li>
 *   <li>{@link #childSpec()} so that the server runs under a supervisor (the seed's "Use supervised
 *       processes"). State lives in memory only: a restarted aggregator starts empty, which the
 *       test shows; the donations module rebuilds it from its database.</li>
 * </ul>
 */
public final class StatsAggregator implements GenServer<Map<String, StatsAggregator.CampaignStats>> {
    /** The name the server registers: the seed's {@code __MODULE__}. */
    public static final String NAME = "StatsAggregator";

    /** {@code {:donation, campaign_id, amount}}, a cast. */
    public record Donation(String campaignId, Money amount) {
    }

    /** {@code {:get_stats, campaign_id}}, a call. */
    public record GetStats(String campaignId) {
    }

    /** {@code :get_all_stats}, a call. */
    public record GetAllStats() {
    }

    /**
     * One campaign's statistics: {@code %{count: n, total: t}}.
     *
     * @param count  donations recorded
     * @param totals their sum, per currency (immutable)
     */
    public record CampaignStats(long count, Map<Currency, Money> totals) {
        /** No donation yet. */
        public static final CampaignStats EMPTY = new CampaignStats(0, Map.of());

        public CampaignStats {
            totals = Map.copyOf(totals);
        }

        /** These stats with one more donation of {@code amount}. */
        CampaignStats plus(Money amount) {
            var newTotals = new HashMap<>(totals);
            newTotals.merge(amount.currency(), amount, Money::plus);
            return new CampaignStats(count + 1, newTotals);
        }
    }

    /**
     * Starts the aggregator linked to the caller, registered as {@link #NAME}; blocks until it
     * runs. {@code Error(Term(AlreadyStarted(pid)))} if one is already registered.
     */
    public static StartResult startLink() {
        return GenServer.startLink(new StatsAggregator(), StartOptions.named(NAME));
    }

    /** The aggregator as a supervisor's child: permanent, 5 s shutdown (Elixir's {@code use GenServer}). */
    public static ChildSpec childSpec() {
        return ChildSpec.worker(NAME, StatsAggregator::startLink);
    }

    /**
     * Records a donation to {@code campaignId}, asynchronously (a cast): returns at once, and the
     * donation is counted before any later call from the same caller is answered. Dropped if no
     * aggregator is running.
     *
     * @throws IllegalArgumentException if {@code amount} is zero or negative
     */
    public static void recordDonation(String campaignId, Money amount) {
        Objects.requireNonNull(campaignId, "campaignId");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a donation must be positive, was " + amount + " for " + campaignId);
        }
        GenServer.cast(NAME, new Donation(campaignId, amount));
    }

    /**
     * The statistics of {@code campaignId} ({@link CampaignStats#EMPTY} if it has none); a call,
     * waiting up to 5 s.
     *
     * @throws dev.amanah.otp.ExitException {@code InCall(noproc | timeout | reason, "GenServer", "call", ...)}
     */
    public static CampaignStats getStats(String campaignId) {
        return GenServer.call(NAME, new GetStats(campaignId));
    }

    /** Every campaign's statistics, by campaign id, sorted; a call, as {@link #getStats}. */
    public static Map<String, CampaignStats> getAllStats() {
        return GenServer.call(NAME, new GetAllStats());
    }

    // ---- server callbacks ----

    @Override
    public InitResult<Map<String, CampaignStats>> init() {
        return new Ok<>(new HashMap<>());
    }

    @Override
    public Result<Map<String, CampaignStats>> handleCast(Object request, Map<String, CampaignStats> state) {
        if (request instanceof Donation(var campaignId, var amount)) {
            state.merge(campaignId, CampaignStats.EMPTY.plus(amount), (stats, one) -> stats.plus(amount));
            return new NoReply<>(state);
        }
        return GenServer.super.handleCast(request, state);
    }

    @Override
    public CallResult<Map<String, CampaignStats>> handleCall(Object request, ReplyTo from,
                                                             Map<String, CampaignStats> state) {
        return switch (request) {
            case GetStats(var campaignId) -> new Reply<>(state.getOrDefault(campaignId, CampaignStats.EMPTY), state);
            // A copy: the map itself never leaves the server's process.
            case GetAllStats() -> new Reply<>(java.util.Collections.unmodifiableMap(new TreeMap<>(state)), state);
            default -> GenServer.super.handleCall(request, from, state);
        };
    }
}
