package dev.amanah.donations.config;

import dev.amanah.donations.fraud.FraudConfig;
import dev.amanah.donations.fraud.FraudRule;
import dev.amanah.donations.fraud.SmallAmounts;
import dev.amanah.donations.net.TrustedProxies;
import dev.amanah.donations.staff.StaffAccount;
import dev.amanah.finance.money.AcceptedCurrencies;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.time.ZoneId;
import java.util.Map;

/**
 * The service's whole configuration, validated: every value is of its kind and in its range (the
 * {@link ConfigLoader} refuses anything else before a record is built). Immutable and
 * thread-safe. The keys, their defaults and meaning are documented in the bundled
 * {@code dev/amanah/donations/config/defaults.yaml}.
 */
public record AmanahConfig(Database database, Http http, Donations donations, Timeouts timeouts,
                           Fraud fraud, Gateway gateway, Staff staff, Distribution distribution,
                           Receipts receipts) {

    /**
     * Where the data lives.
     *
     * @param url      a JDBC URL, an SQLite one naming its file by absolute path; empty for the
     *                 embedded SQLite file {@code dataDir/amanah.db}
     * @param dataDir  the directory of the embedded database (created on first start)
     * @param user     database user, empty for none
     * @param password database password, empty for none; never logged
     * @param poolSize connections in the pool, at least 1
     */
    public record Database(String url, Path dataDir, String user, String password, int poolSize) {
        /** The JDBC URL to connect to: {@link #url()}, or the SQLite file in {@link #dataDir()}. */
        public String jdbcUrl() {
            return url.isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("amanah.db") : url;
        }

        /** Whether this is the embedded SQLite database. */
        public boolean embedded() {
            return jdbcUrl().startsWith("jdbc:sqlite:");
        }

        @Override
        public String toString() {
            return "Database[url=" + jdbcUrl() + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * The HTTP listener.
     *
     * @param host          the address to bind
     * @param port          the port, 0 for any free one
     * @param maxBodyBytes  the largest request body accepted
     * @param shutdownGrace how long running requests may take to finish on shutdown
     * @param maxEventStreams how many server-sent event streams (dashboards, process views) may be
     *                        open at once; one more is answered 503
     * @param secureCookies   whether the session and CSRF cookies carry {@code Secure} (browsers then
     *                        send them over HTTPS only): on behind TLS, off for the plain-HTTP demo
     * @param trustedProxies  the reverse proxies whose {@code X-Forwarded-For} or {@code Forwarded}
     *                        names the client (for the login throttle and the fraud checks); none:
     *                        every request is its direct peer's
     */
    public record Http(String host, int port, int maxBodyBytes, Duration shutdownGrace, int maxEventStreams,
                       boolean secureCookies, TrustedProxies trustedProxies) {
    }

    /**
     * What a donation may be.
     *
     * @param currencies the accepted currencies
     * @param minAmount  the smallest donation, in the donation currency's major units
     * @param maxAmount  the largest donation, in the donation currency's major units, through the
     *                   API and the CSV import alike; at most {@code Long.MAX_VALUE / 1,000,000}
     *                   minor units of every accepted currency (92,233,720,368.54 USD), so that a
     *                   million donations of that size still fit the long a campaign's total is
     *                   kept in
     * @param maxInFlight donation pipelines running at once; more requests wait for a place
     *                    (up to {@link Timeouts#admission()}) before anything is written for them
     */
    public record Donations(AcceptedCurrencies currencies, BigDecimal minAmount, BigDecimal maxAmount, int maxInFlight) {
    }

    /**
     * @param validation the limit for each validation task
     * @param request    the limit for a whole donation request
     * @param admission  how long a donation request may wait for a place among
     *                   {@link Donations#maxInFlight()} before it is refused with 503 {@code OVERLOADED}
     * @param shutdown   how long the supervision tree may take to stop, once the HTTP drain is over;
     *                   past it the service logs what is still alive, kills the tree and closes the
     *                   database anyway, so that stopping always ends
     */
    public record Timeouts(Duration validation, Duration request, Duration admission, Duration shutdown) {
    }

    /**
     * Card-testing defence: one limit per rule of {@link dev.amanah.donations.fraud.FraudRule}.
     *
     * @param limits         every rule's window and thresholds
     * @param smallAmounts   the largest amount that counts as small in each accepted currency
     *                       ({@code fraud.smallAmount} converted, or the currency's own)
     * @param rates          the rates {@code fraud.smallAmount} was converted at ({@code fraud.ratesFile})
     * @param maxTrackedKeys identifiers of each kind remembered at most
     */
    public record Fraud(Map<FraudRule, FraudConfig.Limit> limits, SmallAmounts smallAmounts, ConfiguredRates rates,
                        int maxTrackedKeys) {
        /** As the fraud check's own configuration. */
        public FraudConfig toFraudConfig() {
            return new FraudConfig(limits, smallAmounts, maxTrackedKeys);
        }
    }

    /**
     * The sandbox payment provider and the resilience around every gateway call.
     *
     * @param seed                 the seed of the sandbox's randomness
     * @param latencyMin           the shortest simulated latency
     * @param latencyMax           the longest simulated latency (and a timeout's length), at least {@code latencyMin}
     * @param timeoutPerMille      attempts per thousand that time out before the provider acts
     * @param serverErrorPerMille  attempts per thousand that fail with a server error
     * @param lostResponsePerMille attempts per thousand settled by the provider whose answer is lost
     * @param fsync                whether the sandbox forces its journal to disk on every record
     * @param maxAttempts          attempts in all of a call that fails transiently, 1 to 3
     * @param backoffBase          the first backoff, doubled each retry, with jitter
     * @param backoffMax           the longest backoff
     * @param breakerFailures      consecutive failures that open the circuit breaker
     * @param breakerOpenFor       how long the breaker stays open
     */
    public record Gateway(long seed, Duration latencyMin, Duration latencyMax, int timeoutPerMille,
                          int serverErrorPerMille, int lostResponsePerMille, boolean fsync, int maxAttempts,
                          Duration backoffBase, Duration backoffMax, int breakerFailures, Duration breakerOpenFor) {
    }

    /**
     * Who may use the staff API (distribution, review queue) with HTTP Basic.
     *
     * @param accounts the accounts (username, role, BCrypt hash); empty: nobody
     */
    public record Staff(List<StaffAccount> accounts) {
        public Staff {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * How distributions are paid.
     *
     * @param maxConcurrency payouts in flight at once per run
     * @param payoutTimeout  how long one payout (with its retries) may take
     * @param maxRecipients  the most recipients of one plan sent over HTTP
     */
    public record Distribution(int maxConcurrency, Duration payoutTimeout, int maxRecipients) {
    }

    /**
     * Receipts, statements and their e-mail.
     *
     * @param organisation who issues them
     * @param enabled      whether the pipeline issues a receipt for every recorded donation
     * @param serialPrefix the first part of every serial ({@code AMN} in {@code AMN-2026-000123}),
     *                     1 to 8 letters or digits
     * @param zone         the time zone of the printed dates, of a serial's year and of a report's months
     * @param outputDir    where {@code amanah receipts} writes statements
     * @param mail         the e-mail of receipts
     */
    public record Receipts(Organisation organisation, boolean enabled, String serialPrefix, ZoneId zone, Path outputDir,
                           Mail mail) {
    }

    /**
     * The charity, as printed on its receipts.
     *
     * @param name          its name
     * @param address       its postal address, one line
     * @param charityNumber its registration number
     */
    public record Organisation(String name, String address, String charityNumber) {
    }

    /**
     * The SMTP delivery of receipts.
     *
     * @param enabled     whether receipts are e-mailed at all
     * @param smtpHost    the SMTP server
     * @param smtpPort    its port
     * @param from        the sender address
     * @param timeout     connect, read and write timeout of one SMTP conversation
     * @param maxAttempts attempts in all for a mail that fails transiently, at least 1
     * @param backoffBase the wait after the first failure, doubled after each one
     * @param backoffMax  the longest wait between attempts
     * @param security    how the connection is protected; certificates are checked against the JVM's
     *                    trust store (or {@code trustedCertificates}) and the server's host name
     * @param username    the AUTH user name, empty for no AUTH; where {@code enabled}, {@code password}
     *                    is empty exactly when it is (with mail off, either may be set alone)
     * @param password    the AUTH password, from {@code AMANAH_MAIL_PASSWORD} only, empty for no AUTH;
     *                    never logged, and left out of {@link #toString()}
     * @param trustedCertificates the only certificates the relay's may chain to
     *                    ({@code mail.trustedCertificates}); empty for the JVM's trust store
     */
    public record Mail(boolean enabled, String smtpHost, int smtpPort, String from, Duration timeout, int maxAttempts,
                       Duration backoffBase, Duration backoffMax, MailSecurity security, String username, String password,
                       List<X509Certificate> trustedCertificates) {

        /** Copies {@code trustedCertificates}: the configuration does not change under the sender. */
        public Mail {
            trustedCertificates = List.copyOf(trustedCertificates);
        }

        /** Whether the sender authenticates (AUTH, RFC 4954). */
        public boolean authenticates() {
            return !username.isEmpty();
        }

        /** The settings without the password, which a log or an exception must not carry. */
        @Override
        public String toString() {
            return "Mail[enabled=" + enabled + ", smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", from=" + from
                    + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts + ", backoffBase=" + backoffBase
                    + ", backoffMax=" + backoffMax + ", security=" + security + ", username=" + username
                    + ", password=" + (password.isEmpty() ? "" : "***") + ", trustedCertificates=" + trustedCertificates.size() + "]";
        }
    }

    /** How the SMTP connection is protected ({@code mail.security}). */
    public enum MailSecurity {
        /** In clear text, as port 25 between relays often is; the mail can be read on the way. */
        NONE,
        /**
         * STARTTLS before anything else is said (submission, port 587); a server that does not offer
         * it is not sent the mail.
         */
        STARTTLS,
        /** TLS from the first byte (implicit TLS, port 465, RFC 8314). */
        TLS
    }
}
