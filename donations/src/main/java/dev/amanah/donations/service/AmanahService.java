package dev.amanah.donations.service;

import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.campaign.CampaignLifecycle;
import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.campaign.StatsOptions;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.distribution.DistributionOptions;
import dev.amanah.donations.distribution.DistributionService;
import dev.amanah.donations.fraud.FraudServer;
import dev.amanah.donations.http.ApiServer;
import dev.amanah.donations.http.BasicStaffAuthenticator;
import dev.amanah.donations.http.CampaignRoutes;
import dev.amanah.donations.http.DistributionRoutes;
import dev.amanah.donations.http.DonationRoutes;
import dev.amanah.donations.http.HealthRoutes;
import dev.amanah.donations.http.ReviewRoutes;
import dev.amanah.donations.http.StaffAuthenticator;
import dev.amanah.donations.mail.ReceiptMailer;
import dev.amanah.donations.payment.CircuitBreaker;
import dev.amanah.donations.payment.CircuitBreakerConfig;
import dev.amanah.donations.payment.GatewayAdapter;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.donations.payment.Retrying;
import dev.amanah.donations.payment.SandboxConfig;
import dev.amanah.donations.payment.SandboxGateway;
import dev.amanah.donations.pipeline.DonationPipeline;
import dev.amanah.donations.pipeline.DonationProcessor;
import dev.amanah.donations.pipeline.ReceiptStep;
import dev.amanah.donations.pipeline.DonationSettlement;
import dev.amanah.donations.pipeline.RefundFlow;
import dev.amanah.donations.pipeline.ReviewFlow;
import dev.amanah.donations.receipt.ReceiptIssuer;
import dev.amanah.donations.recovery.Recovery;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.store.CampaignState;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DatabaseConfig;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.IdempotencyStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.donations.store.PayoutStore;
import dev.amanah.donations.store.PlanStore;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.donations.store.RefundStore;
import dev.amanah.donations.store.StoreException;
import dev.amanah.donations.web.WebApp;
import dev.amanah.otp.Pid;
import dev.amanah.otp.pubsub.PubSub;
import dev.amanah.otp.supervisor.Strategy;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.supervisor.SupervisorOptions;
import dev.amanah.otp.task.TaskSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The donation service, assembled and running: the database, the payment gateway, the supervision
 * tree, start-up recovery and the HTTP API.
 *
 * <h2>The tree</h2>
 * <pre>
 * amanah (Supervisor, one_for_one)
 * ├── amanah.pubsub        PubSub: DonationReceived on "donations" and "campaign:&lt;id&gt;"
 * ├── donations.tasks      TaskSupervisor: each request's pipeline and its validation tasks
 * ├── donations.fraud      FraudServer: the sliding-window counters
 * ├── donations.gateway    GatewayAdapter: the payment provider's client (its circuit breaker)
 * ├── campaigns.stats      CampaignStatsService: one statistics server per campaign
 * ├── donations.processor  DonationProcessor: takes requests, runs each pipeline as a task
 * ├── distributions.tasks  TaskSupervisor: each distribution's payment run and its payout tasks
 * └── receipts.mailer      ReceiptMailer: e-mails receipts from the outbox (when mail.enabled)
 * </pre>
 * A crashed child is restarted alone (logged: {@link LoggedRestarts}); the pipelines under way are
 * children of {@code donations.tasks} and store their outcomes whatever happens to the processor;
 * a payment operation that the gateway adapter's crash leaves without an answer is retried with
 * its key by the caller.
 *
 * <h2>Start and stop</h2>
 * {@link #start} opens (and migrates) the database, takes it for this service alone on PostgreSQL
 * ({@link ServiceLock}), starts the tree, runs {@link Recovery} to finish or fail every donation a
 * previous run left in flight, starts the statistics of the active and paused campaigns, and only
 * then opens the HTTP port: the first request sees a consistent database. {@link #stop} drains the
 * HTTP server (running requests finish, new ones get 503), stops the tree, then closes the
 * gateway's journal and the database and lets go of the lock. Both block; stop is idempotent and
 * thread-safe (a second caller waits for the first's stop and gets its outcome).
 *
 * <h2>The lock lost</h2>
 * On PostgreSQL the lock lives as long as its session; {@link LockWatchdog} checks that session
 * every second and takes the lock again on a new one if it ended ({@code /ready} answers
 * {@code 503 NOT_READY: service_lock} meanwhile, and while its check fails unexpectedly). Should
 * another service hold it by then, its
 * recovery may already have taken this service's donations in flight, and whatever this one does
 * next (new donations, settlement retries, receipts mailed, payout runs) races it: the service
 * stops itself, as {@link #stop} does (new requests get 503, running ones drain), after an ERROR
 * {@code event=service_lock_lost}, and {@link #stoppedForLostLock()} completes. Staying up not
 * ready would leave the background work running; stopping leaves the database to the one service
 * holding it.
 *
 * <p>Stopping always ends: the tree gets {@code timeouts.shutdown} (60 s by default) to stop its
 * children in order. Past it the drain is cut short ({@link TreeShutdown}): an ERROR
 * {@code event=shutdown_cut_short} names the processes of the tree still alive and where each was,
 * the tree is killed, and the journal and the database are closed all the same; {@link #stop}
 * returns {@link StopOutcome.CutShort}, so that a command can say so too. A tree that had already
 * ended (its root gave up after too many restarts) is a WARNING {@code event=tree_already_ended}
 * and {@link StopOutcome.Ended}; the journal and the database are closed as well.
 */
public final class AmanahService implements AutoCloseable {
    /** The PubSub topic of {@link dev.amanah.donations.distribution.DistributionFinished}. */
    public static final String DISTRIBUTIONS_TOPIC = "distributions";

    /** The gateway's name in the ledger's clearing account and the breaker. */
    public static final String GATEWAY = "sandbox";

    /** The gateway adapter's registered name. */
    public static final String GATEWAY_ADAPTER = "donations.gateway";

    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.service");

    private final Database database;
    private final LockWatchdog lock;
    private final SandboxGateway sandbox;
    private final CampaignStatsService stats;
    private final Pid root;
    private final ApiServer http;
    private final DistributionService distributions;
    private final ReviewFlow reviews;
    private final WebApp web;
    private final TreeShutdown treeShutdown;
    private final CompletableFuture<StopOutcome> stoppedForLostLock = new CompletableFuture<>();
    private StopOutcome stopped;

    private AmanahService(Database database, LockWatchdog lock, CompletionStage<Void> lockLost, SandboxGateway sandbox,
                          CampaignStatsService stats, Pid root, ApiServer http, DistributionService distributions, ReviewFlow reviews, WebApp web,
                          TreeShutdown treeShutdown) {
        this.database = database;
        this.lock = lock;
        this.sandbox = sandbox;
        this.stats = stats;
        this.root = root;
        this.http = http;
        this.distributions = distributions;
        this.reviews = reviews;
        this.web = web;
        this.treeShutdown = treeShutdown;
        // Not on the watchdog's thread: a stop under way waits for that thread to end.
        lockLost.thenRunAsync(() -> stoppedForLostLock.complete(stop()),
                stop -> Thread.ofVirtual().name("amanah-lock-lost-stop").start(stop));
    }

    /**
     * Starts the service; returns once the HTTP port is open.
     *
     * @throws StartRefused if the database cannot be opened or migrated, another service runs on the
     *                       same PostgreSQL database ({@code database_in_use}, see {@link ServiceLock}),
     *                       the sandbox journal is held by another process or cannot be read, or the
     *                       HTTP port cannot be bound ({@code http_not_listening}); either way nothing
     *                       is left open
     */
    public static AmanahService start(AmanahConfig config, Clock clock) {
        var dataDir = config.database().dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        var dbConfig = DatabaseConfig.fromUrl(config.database().jdbcUrl(), config.database().user(), config.database().password());
        if (!config.database().embedded()) {
            dbConfig = dbConfig.withPoolSize(config.database().poolSize());
        }
        Database database;
        try {
            database = Database.open(dbConfig);
        } catch (StoreException e) {
            throw new StartRefused(e);
        }
        refuseANewerSchema(database);
        var treeShutdown = new TreeShutdown(config.timeouts().shutdown());
        var journal = dataDir.resolve("sandbox-journal.log");
        var lockLost = new CompletableFuture<Void>();
        LockWatchdog lock = null;
        SandboxGateway sandbox = null;
        Pid root = null;
        try {
            lock = LockWatchdog.watch(ServiceLock.take(dbConfig), dbConfig, () -> lockLost.complete(null));
            var watchdog = lock;
            sandbox = refusedIfFails(() -> SandboxGateway.open(journal, sandboxConfig(config.gateway())));
            var provider = sandbox;
            var tasks = TaskSupervisor.named("donations.tasks");
            var gateway = resilient(GatewayAdapter.client(GATEWAY_ADAPTER, config.timeouts().request()), config.gateway());
            var keys = new IdempotencyStore(database, clock);
            var campaigns = new CampaignStore(database, clock);
            var ledger = new LedgerStore(database, clock);
            var donations = new DonationStore(database, clock, ledger, campaigns);
            var statsOptions = StatsOptions.DEFAULTS;
            var stats = new CampaignStatsService("campaigns.stats",
                    new DatabaseTotals(database, campaigns, donations, statsOptions.dedupeHorizon(), clock), clock, statsOptions);
            var pubsub = PubSub.of("amanah.pubsub");
            var receipts = new ReceiptStore(database, clock, donations);
            var outbox = new MailOutboxStore(database, clock);
            // Read once for the mailer and the staff's downloads: both print a receipt's dates in it, so
            // a receipt downloads as the same bytes it was mailed as. Read even with receipts off:
            // receipts issued before still download.
            var receiptZone = config.receipts().zone();
            var pipeline = DonationPipeline.create(config, database, keys, donations, campaigns, tasks, gateway, GATEWAY,
                    "donations.fraud", pubsub, stats, clock, receiptStep(config, database, donations, campaigns, receipts, outbox));
            var settlement = new DonationSettlement(pipeline, donations, DonationSettlement.Backoff.DEFAULT);
            var children = new ArrayList<>(List.of(
                    pubsub.childSpec(),
                    TaskSupervisor.childSpec("donations.tasks", TaskSupervisor.Options.DEFAULT.withName("donations.tasks")),
                    FraudServer.childSpec("donations.fraud", config.fraud().toFraudConfig(), clock),
                    GatewayAdapter.childSpec(GATEWAY_ADAPTER, () -> breaker(provider, config.gateway(), clock), tasks),
                    stats.childSpec(),
                    DonationProcessor.childSpec(tasks, pipeline, settlement, new DonationProcessor.Admission(
                            config.donations().maxInFlight(), config.timeouts().admission())),
                    TaskSupervisor.childSpec("distributions.tasks", TaskSupervisor.Options.DEFAULT.withName("distributions.tasks"))));
            if (config.receipts().mail().enabled()) {
                children.add(ReceiptMailer.childSpec(ReceiptMailer.NAME, outbox, receipts, config.receipts().mail(), receiptZone, clock));
            }
            root = Supervisor.start(LoggedRestarts.all("amanah", children), SupervisorOptions.of(Strategy.ONE_FOR_ONE))
                    .orElseThrow();
            // The converted thresholds, so that what "small" means in each currency can be read, not
            // worked out, and the rates they were converted at, so that they can be checked.
            LOG.log(System.Logger.Level.INFO, "event=fraud_small_amounts " + config.fraud().smallAmounts()
                    + " rates_file=" + config.fraud().rates());
            var refunds = new RefundStore(database, clock, ledger, donations);
            var refundFlow = new RefundFlow(refunds, donations, gateway, GATEWAY, pubsub, stats, clock);
            var report = new Recovery(donations, keys, settlement, refunds, refundFlow).run();
            LOG.log(System.Logger.Level.INFO, "event=recovery_done " + report);
            var payouts = new PayoutStore(database, clock, ledger);
            var distributions = new DistributionService(new PlanStore(database, clock, ledger, payouts), payouts, campaigns,
                    ledger, gateway, GATEWAY, TaskSupervisor.named("distributions.tasks"), distributionOptions(config.distribution()),
                    finished -> pubsub.broadcast(DISTRIBUTIONS_TOPIC, finished));
            LOG.log(System.Logger.Level.INFO, "event=distribution_recovery_done " + distributions.recovery().run());
            var configuredStaff = new StaffDirectory(config.staff().accounts());
            var lifecycle = new CampaignLifecycle(campaigns, stats, pubsub);
            var web = new WebApp(root, database, campaigns, lifecycle, donations, stats, refundFlow, distributions,
                    pipeline.reviews(), receipts, receiptZone, configuredStaff, pubsub, clock, config.http(),
                    config.receipts().mail().enabled());
            // Who is acting on the staff API: the dashboard's session, or HTTP Basic (its failed
            // checks counted with the login page's, so guessing is throttled through either door).
            StaffAuthenticator staff = web.sessionAuthenticator().or(new BasicStaffAuthenticator(configuredStaff, web.loginThrottle(),
                    config.http().trustedProxies()));
            // The same trail the staff pages write: a refund or a campaign change is recorded whichever way it came.
            var audit = new StaffAudit(database, clock);
            for (var state : List.of(CampaignState.ACTIVE, CampaignState.PAUSED)) {
                campaigns.inState(state).forEach(campaign -> stats.startCampaign(campaign.id()));
            }
            var http = refusedIfFails(() -> ApiServer.start(config.http(), web.after(List.of(
                    new HealthRoutes(List.of(new HealthRoutes.Check("database", database::isReachable),
                            new HealthRoutes.Check("service_lock", watchdog::held))),
                    new DonationRoutes(config, refundFlow, staff, audit),
                    new CampaignRoutes(campaigns, stats, lifecycle, staff, audit, config.donations().currencies(),
                            config.http().maxBodyBytes()),
                    new DistributionRoutes(distributions, staff, audit, config.distribution().maxRecipients()),
                    new ReviewRoutes(pipeline.reviews(), staff))), web.errorPage()));
            return new AmanahService(database, lock, lockLost, sandbox, stats, root, http, distributions, pipeline.reviews(), web,
                    treeShutdown);
        } catch (RuntimeException e) {
            if (root != null) {
                treeShutdown.stop(root);
            }
            if (sandbox != null) {
                sandbox.close();
            }
            database.close();
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * A service older than its database's schema would write rows without the columns a newer one
     * added, whose defaults may mean something there (and read rows it cannot understand): so it
     * does not start, and says which binary the database needs. Flyway only warns of it; the
     * one-shot commands still open such a database with that warning.
     */
    private static void refuseANewerSchema(Database database) {
        var schema = database.schema();
        if (schema.databaseIsNewer()) {
            database.close();
            throw new StartRefused("schema_newer: the database " + database.config().shownUrl()
                    + " has schema version " + schema.database() + ", newer than this amanah's " + schema.binary()
                    + " (a newer amanah migrated it): run the amanah that did, or upgrade this one");
        }
    }

    /**
     * Runs a step of the start whose every failure comes from outside this program (a file held
     * or unreadable, a port taken) and says so with {@link StartRefused}.
     */
    private static <T> T refusedIfFails(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new StartRefused(e);
        }
    }

    /** The pipeline's last step: a receipt (and its mail, poking the mailer) when receipts are on, else the phase alone. */
    static ReceiptStep receiptStep(AmanahConfig config, Database database, DonationStore donations, CampaignStore campaigns,
                                   ReceiptStore receipts, MailOutboxStore outbox) {
        if (!config.receipts().enabled()) {
            return ReceiptStep.phaseOnly(donations);
        }
        return new ReceiptIssuer(database, donations, campaigns, receipts, outbox, ReceiptIssuer.Settings.of(config.receipts()),
                () -> ReceiptMailer.poke(ReceiptMailer.NAME));
    }

    static SandboxConfig sandboxConfig(AmanahConfig.Gateway gateway) {
        return new SandboxConfig(gateway.seed(), gateway.latencyMin(), gateway.latencyMax(), SandboxConfig.STANDARD_DECLINES,
                gateway.timeoutPerMille(), gateway.serverErrorPerMille(), gateway.lostResponsePerMille(), gateway.fsync());
    }

    /** A circuit breaker around the provider: what the gateway adapter holds, fresh in each (re)start. */
    static PaymentGateway breaker(PaymentGateway provider, AmanahConfig.Gateway gateway, Clock clock) {
        return new CircuitBreaker(GATEWAY, provider, new CircuitBreakerConfig(gateway.breakerFailures(),
                gateway.breakerOpenFor()), clock);
    }

    /**
     * Retries (same key each attempt) around the gateway adapter's client, whose breaker is inside
     * the adapter: an opening breaker stops the retries at once.
     */
    static PaymentGateway resilient(PaymentGateway adapter, AmanahConfig.Gateway gateway) {
        return new Retrying(adapter, new RetryPolicy(gateway.maxAttempts(), gateway.backoffBase(), gateway.backoffMax(),
                gateway.seed()));
    }

    static DistributionOptions distributionOptions(AmanahConfig.Distribution distribution) {
        return new DistributionOptions(distribution.maxConcurrency(), distribution.payoutTimeout(),
                DistributionOptions.DEFAULTS.rules());
    }

    /** Zakat distribution: plans, four-eyes approval, payment runs (the staff dashboard's API). */
    public DistributionService distributions() {
        return distributions;
    }

    /** The review queue of donations the fraud check held (the staff dashboard's API). */
    public ReviewFlow reviews() {
        return reviews;
    }

    /**
     * Completes, with the outcome of the stop, once the service has stopped itself because another
     * session took its database's one-service lock (see the class comment); never completes
     * otherwise. {@code amanah serve} exits on it.
     */
    public CompletionStage<StopOutcome> stoppedForLostLock() {
        return stoppedForLostLock;
    }

    /** The HTTP port. */
    public int port() {
        return http.port();
    }

    /** The database (for tests and tools that inspect what was written). */
    public Database database() {
        return database;
    }

    /** The sandbox payment provider (for tests: how often it charged each key). */
    public SandboxGateway sandbox() {
        return sandbox;
    }

    /** The campaigns' live statistics (for tests and tools: which server serves a campaign). */
    public CampaignStatsService campaignStats() {
        return stats;
    }

    /** The root supervisor (for tests and tools: its children, restarting one by hand). */
    public Pid supervisor() {
        return root;
    }

    /**
     * Drains and stops everything, the tree within {@code timeouts.shutdown}; see the class
     * comment. Blocks for at most {@code http.shutdownGrace} plus {@code timeouts.shutdown}, plus
     * 5 s for a tree cut short to end once killed, and the time to close the journal and the
     * database.
     *
     * @return whether the tree drained, was cut short, or had ended before; a second call returns
     *         the first's outcome and does nothing
     */
    public synchronized StopOutcome stop() {
        if (stopped != null) {
            return stopped;
        }
        web.close(); // the live pages' streams end first: the drain need not wait for browsers
        http.stop();
        stopped = treeShutdown.stop(root);
        sandbox.close();
        database.close();
        lock.close(); // last: the next service's recovery must not start while this one still writes
        LOG.log(System.Logger.Level.INFO, "event=service_stopped tree=" + switch (stopped) {
            case StopOutcome.Drained drained -> "drained";
            case StopOutcome.CutShort cut -> "cut_short";
            case StopOutcome.Ended ended -> "ended_before";
        });
        return stopped;
    }

    @Override
    public void close() {
        stop();
    }
}
