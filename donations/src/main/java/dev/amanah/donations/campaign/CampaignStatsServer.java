package dev.amanah.donations.campaign;

import dev.amanah.otp.Down;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Next;
import dev.amanah.otp.task.Task;
import dev.amanah.otp.task.TaskReply;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One campaign's statistics server (the seed's {@code StatsAggregator}, one per campaign).
 *
 * <p>Once running, it loads the campaign's totals in a linked {@link Task}, so that its mailbox stays
 * open meanwhile: events that arrive during the load are kept and applied after it (an event the
 * load already counted is recognised by its id and ignored), queries are answered at once with
 * "not ready", and calls waiting for readiness are answered when the load is done. A load that
 * fails with an exception (the database unavailable) is tried again by the server itself, after
 * {@value #FIRST_RETRY_MS} ms doubling up to {@value #MAX_RETRY_MS} ms, all the while "not ready":
 * crashing instead, a few failed loads in a row exceeded the dynamic supervisor's restart
 * intensity, which then stopped every campaign's server for good. A task that crashes otherwise
 * (an {@link Error}, a kill) still takes the server down through the link.
 */
final class CampaignStatsServer implements GenServer<CampaignStatsServer.State> {
    private static final System.Logger LOG = System.getLogger(CampaignStatsServer.class.getName());

    /** A query: answered with the {@link CampaignStats}, or {@link NotReady} while loading. */
    record GetStats() {
    }

    /** A query answered only once the totals are loaded. */
    record AwaitReady() {
    }

    /** The answer to {@link GetStats} while the totals are still loading. */
    record NotReady() {
    }

    /** A load task's answer when the source threw: the server tries again later. */
    private record LoadFailed(Exception cause) {
    }

    /** The timer's message: start the next load. */
    private record RetryLoad() {
    }

    /** The wait before the first retry of a failed load; doubled after each failure. */
    static final long FIRST_RETRY_MS = 100;
    /** The longest wait between two loads. */
    static final long MAX_RETRY_MS = 30_000;

    /** The server's state: loading (a task, the events and waiters held back) or live. */
    static final class State {
        Task<Object> loading;
        int failedLoads;
        final List<Object> heldEvents = new ArrayList<>();
        final List<ReplyTo> waiters = new ArrayList<>();
        LiveTotals live;
    }

    private final String campaignId;
    private final CampaignTotalsSource source;
    private final Clock clock;
    private final StatsOptions options;

    CampaignStatsServer(String campaignId, CampaignTotalsSource source, Clock clock, StatsOptions options) {
        this.campaignId = Objects.requireNonNull(campaignId, "campaignId");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The {@code handleContinue} argument that starts the load. */
    private static final String LOAD = "load";

    @Override
    public InitResult<State> init() {
        // The load starts after init has returned: a load failing at once must crash a running
        // server (which its supervisor restarts), not fail its start (which it would not retry).
        return new Ok<>(new State(), Next.continueWith(LOAD));
    }

    @Override
    public Result<State> handleContinue(Object argument, State state) {
        if (!LOAD.equals(argument)) {
            return GenServer.super.handleContinue(argument, state);
        }
        startLoad(state);
        return new NoReply<>(state);
    }

    private void startLoad(State state) {
        state.loading = Task.async(() -> {
            try {
                return source.load(campaignId);
            } catch (Exception e) {
                return new LoadFailed(e);
            }
        });
    }

    @Override
    public CallResult<State> handleCall(Object request, ReplyTo from, State state) {
        return switch (request) {
            case GetStats() -> new Reply<>(state.live == null ? new NotReady() : state.live.snapshot(clock.instant()), state);
            case AwaitReady() -> {
                if (state.live == null) {
                    state.waiters.add(from);
                    yield new NoReply<>(state);
                }
                yield new Reply<>(state.live.snapshot(clock.instant()), state);
            }
            default -> GenServer.super.handleCall(request, from, state);
        };
    }

    @Override
    public Result<State> handleCast(Object request, State state) {
        if (!(request instanceof DonationReceived) && !(request instanceof DonationRefunded)) {
            return GenServer.super.handleCast(request, state);
        }
        if (state.live == null) {
            state.heldEvents.add(request);
        } else {
            apply(request, state.live);
        }
        return new NoReply<>(state);
    }

    @Override
    public Result<State> handleInfo(Object message, State state) {
        if (state.loading != null) {
            switch (message) {
                case TaskReply<?>(var ref, LoadFailed(var cause)) when ref == state.loading.ref() -> {
                    Processes.demonitor(ref, true);
                    state.loading = null;
                    long wait = FIRST_RETRY_MS << Math.min(state.failedLoads, 20);
                    wait = Math.min(wait, MAX_RETRY_MS);
                    state.failedLoads++;
                    LOG.log(System.Logger.Level.WARNING, "event=campaign_stats_load_failed campaign={0} attempt={1}"
                            + " retry_in_ms={2} error={3}", campaignId, String.valueOf(state.failedLoads), String.valueOf(wait),
                            cause.toString());
                    Processes.sendAfter(Processes.self(), new RetryLoad(), Duration.ofMillis(wait));
                    return new NoReply<>(state);
                }
                case TaskReply<?>(var ref, var result) when ref == state.loading.ref() -> {
                    Processes.demonitor(ref, true);
                    state.loading = null;
                    becomeLive((CampaignTotals) result, state);
                    return new NoReply<>(state);
                }
                case Down down when down.ref() == state.loading.ref() -> {
                    // Normally the link has taken the server down first; this covers a task that
                    // ended without answering and without crashing.
                    return new Stop<>(down.reason(), state);
                }
                default -> { }
            }
        }
        if (message instanceof RetryLoad) {
            if (state.loading == null && state.live == null) {
                startLoad(state);
            }
            return new NoReply<>(state);
        }
        return GenServer.super.handleInfo(message, state);
    }

    private void becomeLive(CampaignTotals totals, State state) {
        if (!totals.campaignId().equals(campaignId)) {
            throw new IllegalStateException("the totals source answered for " + totals.campaignId()
                    + " when asked for " + campaignId);
        }
        var now = clock.instant();
        state.live = new LiveTotals(totals, options, now);
        state.heldEvents.forEach(event -> apply(event, state.live));
        state.heldEvents.clear();
        var snapshot = state.live.snapshot(now);
        state.waiters.forEach(waiter -> GenServer.reply(waiter, snapshot));
        state.waiters.clear();
        LOG.log(System.Logger.Level.INFO, "event=campaign_stats_loaded campaign=" + campaignId + " donations=" + snapshot.donationCount()
                + " raised=" + snapshot.raised().amount().toPlainString() + " currency=" + snapshot.raised().currency().getCurrencyCode());
    }

    private void apply(Object event, LiveTotals live) {
        var now = clock.instant();
        boolean applied = switch (event) {
            case DonationReceived donation -> live.apply(donation, now);
            case DonationRefunded refund -> live.apply(refund, now);
            default -> throw new IllegalArgumentException("not a statistics event: " + event);
        };
        if (!applied) {
            LOG.log(System.Logger.Level.DEBUG, "campaign {0}: ignored a repeated or foreign-currency event", campaignId);
        }
    }
}
