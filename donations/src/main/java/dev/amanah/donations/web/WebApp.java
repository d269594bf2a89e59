package dev.amanah.donations.web;

import dev.amanah.donations.auth.LoginThrottle;
import dev.amanah.donations.auth.Passwords;
import dev.amanah.donations.auth.StaffAccounts;
import dev.amanah.donations.auth.StaffAudit;
import dev.amanah.donations.auth.StaffSessions;
import dev.amanah.donations.campaign.CampaignLifecycle;
import dev.amanah.donations.campaign.CampaignStatsService;
import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.distribution.DistributionService;
import dev.amanah.donations.http.ErrorPage;
import dev.amanah.donations.http.StaffAuthenticator;
import dev.amanah.donations.mail.ReceiptMailer;
import dev.amanah.donations.pipeline.RefundFlow;
import dev.amanah.donations.pipeline.ReviewFlow;
import dev.amanah.donations.staff.StaffDirectory;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.Database;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.MailOutboxStore;
import dev.amanah.donations.store.ReceiptStore;
import dev.amanah.otp.Pid;
import dev.amanah.otp.pubsub.PubSub;
import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The web front end, assembled: the dashboard, the process view, the zakat calculator, the staff
 * pages and their static files, as Helidon services to register with the API's. {@link #close}
 * ends the live streams (call it before draining the HTTP server, so the drain does not wait for
 * browsers). Thread-safe.
 */
public final class WebApp implements AutoCloseable {
    /** The registered names of the service's dynamic supervisors (see {@link ProcessTree}). */
    public static final Set<String> DYNAMIC_SUPERVISORS = Set.of("campaigns.stats.campaigns");
    /** The registered names of the service's task supervisors. */
    public static final Set<String> TASK_SUPERVISORS = Set.of("donations.tasks", "distributions.tasks");
    /** The staff session's cookie: with {@link #CSRF_HEADER}, it authenticates the staff JSON API. */
    public static final String SESSION_COOKIE = StaffRoutes.SESSION_COOKIE;
    /** The header carrying the session's CSRF token on the staff JSON API's unsafe requests. */
    public static final String CSRF_HEADER = SessionAuthenticator.CSRF_HEADER;

    private final LiveStreams streams;
    private final List<HttpService> services;
    private final StaffAuthenticator sessionAuthenticator;
    private final LoginThrottle loginThrottle;

    /**
     * The pages of the service whose supervision tree is {@code root}.
     *
     * @param database    the service's database (staff accounts, sessions, audit, recent donations)
     * @param receiptZone the receipts' zone ({@code receipts.zone}), in which downloaded receipts print their dates
     * @param http        the HTTP settings the pages follow: {@code maxEventStreams} (live streams,
     *                    dashboards and process views, open at once; one more is answered 503),
     *                    {@code secureCookies} (the session and CSRF cookies' {@code Secure}) and
     *                    {@code trustedProxies} (whose {@code X-Forwarded-For} or {@code Forwarded} the login throttle believes)
     * @param mailerRuns  whether this service runs the receipt mailer ({@code mail.enabled}): where
     *                    it does not, the failed mails' section and its retries say nothing will send what they queue
     */
    public WebApp(Pid root, Database database, CampaignStore campaigns, CampaignLifecycle lifecycle, DonationStore donations,
                  CampaignStatsService stats, RefundFlow refunds, DistributionService distributions, ReviewFlow reviews,
                  ReceiptStore receipts, ZoneId receiptZone, StaffDirectory configuredStaff, PubSub pubsub,
                  Clock clock, AmanahConfig.Http http, boolean mailerRuns) {
        this.streams = new LiveStreams(http.maxEventStreams());
        var cookies = new Cookies(http.secureCookies());
        var dashboard = new Dashboard(campaigns, new RecentDonations(database), stats, clock);
        var sessions = new StaffSessions(database, clock, Duration.ofHours(8));
        var audit = new StaffAudit(database, clock);
        this.loginThrottle = new LoginThrottle(clock, Duration.ofMinutes(15), 5);
        var outbox = new MailOutboxStore(database, clock);
        var staff = new StaffRoutes(new StaffAccounts(database, new Passwords(Passwords.DEFAULT_COST), clock), sessions,
                loginThrottle, audit, campaigns, lifecycle, donations, refunds, configuredStaff, cookies, http.trustedProxies(),
                new FailedMailsSection(outbox, mailerRuns));
        this.sessionAuthenticator = new SessionAuthenticator(sessions);
        this.services = List.of(
                new Assets(),
                new DashboardRoutes(dashboard, pubsub, streams),
                new ProcessRoutes(new ProcessTree(root, DYNAMIC_SUPERVISORS, TASK_SUPERVISORS), streams),
                new ZakatRoutes(clock, cookies),
                staff,
                new DistributionPages(distributions, staff, audit),
                new ReviewPages(reviews, staff, audit),
                new ReceiptDownloads(receipts, receiptZone, staff, audit),
                new MailRetryRoutes(outbox, staff, audit, () -> ReceiptMailer.poke(ReceiptMailer.NAME), mailerRuns));
    }

    /** {@code api}'s routes followed by the pages' routes, to register on the HTTP server. */
    public List<HttpService> after(List<? extends HttpService> api) {
        var all = new ArrayList<HttpService>(api);
        all.addAll(services);
        return all;
    }

    /** How an unknown page or a failed one is answered to a browser: a page of the site, not JSON ({@link BrowserErrorPage}). */
    public ErrorPage errorPage() {
        return BrowserErrorPage.INSTANCE;
    }

    /**
     * Who is logged in to the dashboard, for the staff JSON API: the session cookie, and the
     * session's CSRF token in {@code X-CSRF-Token} for unsafe methods (see {@link SessionAuthenticator}).
     */
    public StaffAuthenticator sessionAuthenticator() {
        return sessionAuthenticator;
    }

    /**
     * The login page's throttle of failed logins (five per name, twenty per address, in 15
     * minutes), for the staff API's HTTP Basic to count its failures with.
     */
    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /** How many live streams (dashboards, process views) are open now. */
    public int openStreams() {
        return streams.count();
    }

    /** Ends every live stream, now and from now on. Does not wait. */
    @Override
    public void close() {
        streams.closeAll();
    }
}
