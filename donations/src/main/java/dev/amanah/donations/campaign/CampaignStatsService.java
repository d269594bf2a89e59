package dev.amanah.donations.campaign;

import dev.amanah.otp.ExitException;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.registry.Registry;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.Name;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.server.StartResult;
import dev.amanah.otp.supervisor.ChildSpec;
import dev.amanah.otp.supervisor.DynamicSupervisor;
import dev.amanah.otp.supervisor.DynamicSupervisorOptions;
import dev.amanah.otp.supervisor.Strategy;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Live campaign statistics: one server process per active campaign, started on demand under a
 * {@link DynamicSupervisor} and named in a {@link Registry} by campaign id.
 *
 * <h2>Processes</h2>
 * {@link #childSpec()} (or {@link #startLink()}) starts a supervisor registered as {@code name},
 * {@code rest_for_one}, with two children: the registry {@code name + ".registry"} and the
 * dynamic supervisor {@code name + ".campaigns"}. Each campaign's server is a {@code transient}
 * child of the latter: restarted after a crash, not after {@link #stopCampaign}. A restarted server
 * rebuilds its totals from the {@link CampaignTotalsSource}. If the registry itself crashes, the
 * campaign servers go with it and must be started again ({@link #startCampaign}).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Totals are exact ({@code Money}); events from one sender are applied in the order sent;
 *       events from many senders all count, once each (a repeat of an id within
 *       {@link StatsOptions#dedupeHorizon()} is ignored).</li>
 *   <li>Queries never wait on the database: {@link #stats} is answered from the server's memory,
 *       and answers empty while the server is (re)loading.</li>
 *   <li>After a crash, the restarted server shows what the source holds plus the events sent
 *       since: an event sent while no server is registered is dropped, which loses nothing as
 *       long as events are sent after the donation is committed (the reload reads it).</li>
 * </ul>
 * This object holds only names and settings: it is immutable and thread-safe, and any process can
 * use it.
 */
public final class CampaignStatsService {
    private final String name;
    private final CampaignTotalsSource source;
    private final Clock clock;
    private final StatsOptions options;
    private final Registry<String, Object> registry;
    private final String campaignsName;

    /**
     * @param name    the name of the service's supervisor; its registry and dynamic supervisor take
     *                {@code name + ".registry"} and {@code name + ".campaigns"}
     * @param source  where a (re)starting server loads its totals from
     * @param clock   the time of the rate window and of {@link CampaignStats#asOf()}
     * @param options the statistics' tuning
     */
    public CampaignStatsService(String name, CampaignTotalsSource source, Clock clock, StatsOptions options) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.registry = Registry.unique(name + ".registry");
        this.campaignsName = name + ".campaigns";
    }

    /** The service's supervisor as a child of the application's supervisor, with {@code name} as id. */
    public ChildSpec childSpec() {
        return ChildSpec.supervisor(name, this::startLink);
    }

    /** Starts the service's supervisor linked to the caller; blocks until its children run. */
    public StartResult startLink() {
        var campaigns = DynamicSupervisor.childSpec(campaignsName,
                DynamicSupervisorOptions.DEFAULT.withName(campaignsName));
        return Supervisor.startLink(List.of(registry.childSpec(), campaigns),
                SupervisorOptions.of(Strategy.REST_FOR_ONE).withName(name));
    }

    /** Stops the service's supervisor and every campaign server; returns once they have ended. */
    public void stop() {
        Supervisor.stop(Processes.whereis(name)
                .orElseThrow(() -> new IllegalStateException("campaign_stats_not_running: " + name)));
    }

    /**
     * Starts the statistics server of {@code campaignId}; returns once it runs (its totals may still
     * be loading). {@code Ok(pid)}, or {@code Error(Term(AlreadyStarted(pid)))} if it runs already.
     *
     * @throws IllegalStateException {@code campaign_stats_not_running} if the service is not started
     */
    public StartResult startCampaign(String campaignId) {
        Objects.requireNonNull(campaignId, "campaignId");
        var server = new CampaignStatsServer(campaignId, source, clock, options);
        var spec = ChildSpec.worker(campaignId,
                () -> GenServer.startLink(server, StartOptions.named(nameOf(campaignId))))
                .withRestart(ChildSpec.Restart.TRANSIENT);
        return DynamicSupervisor.startChild(campaigns(), spec);
    }

    /** Stops the statistics server of {@code campaignId} for good; false if it was not running. */
    public boolean stopCampaign(String campaignId) {
        return whereis(campaignId).map(pid -> DynamicSupervisor.terminateChild(campaigns(), pid)).orElse(false);
    }

    /** The server of {@code campaignId}, if it runs. */
    public Optional<Pid> whereis(String campaignId) {
        return nameOf(campaignId).whereis();
    }

    /** Adds a donation to its campaign's statistics: a cast, dropped if the campaign's server is not running. */
    public void donationReceived(DonationReceived donation) {
        GenServer.cast(nameOf(donation.campaignId()), donation);
    }

    /** Subtracts a refund from its campaign's statistics: a cast, dropped if the campaign's server is not running. */
    public void donationRefunded(DonationRefunded refund) {
        GenServer.cast(nameOf(refund.campaignId()), refund);
    }

    /**
     * The campaign's statistics from its server's memory, waiting at most
     * {@link StatsOptions#callTimeout()}; empty if its server is not running or is still loading.
     *
     * @throws ExitException {@code InCall(timeout | reason, ...)} if the server does not answer in
     *                       time or dies meanwhile
     */
    public Optional<CampaignStats> stats(String campaignId) {
        Object answer = callUnlessGone(campaignId, new CampaignStatsServer.GetStats(), options.callTimeout());
        return answer instanceof CampaignStats stats ? Optional.of(stats) : Optional.empty();
    }

    /**
     * The campaign's statistics once its server has loaded its totals, waiting at most
     * {@code timeout}: for start-up and tests, where waiting on the load is the point.
     *
     * @throws ExitException {@code InCall(noproc | timeout | reason, ...)}
     */
    public CampaignStats awaitStats(String campaignId, Duration timeout) {
        return GenServer.call(nameOf(campaignId), new CampaignStatsServer.AwaitReady(), timeout);
    }

    private Object callUnlessGone(String campaignId, Object request, Duration timeout) {
        try {
            return GenServer.call(nameOf(campaignId), request, timeout);
        } catch (ExitException e) {
            if (e.reason() instanceof ExitReason.InCall inCall && inCall.reason().equals(ExitReason.NOPROC)) {
                return null;
            }
            throw e;
        }
    }

    private Name nameOf(String campaignId) {
        return Name.via(registry, campaignId);
    }

    private Pid campaigns() {
        return Processes.whereis(campaignsName)
                .orElseThrow(() -> new IllegalStateException("campaign_stats_not_running: " + name));
    }
}
