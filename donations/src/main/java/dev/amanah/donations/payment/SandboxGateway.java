package dev.amanah.donations.payment;

import dev.amanah.finance.money.Money;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A local payment provider that behaves like a real one, for development, tests and benchmarks:
 * latency, declines, timeouts, server errors, lost answers, and its own idempotency keys, all
 * driven by a {@link SandboxConfig} and its seed.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>At most once per key.</b> Requests with one key are handled one at a time (a lock per
 *       key, held for the simulated latency too), and a key settles once: a repeat returns the
 *       recorded outcome, a different request under the key is declined with
 *       {@link DeclineReason#IDEMPOTENCY_KEY_MISMATCH}. Requests with different keys run in
 *       parallel.</li>
 *   <li><b>Durable.</b> An outcome is appended to the sandbox's own journal (see
 *       {@link #open}) before it is answered, so it survives a {@code kill -9} of the JVM and is
 *       answered again after a restart. The journal is separate from the service's database, as
 *       a provider's records are.</li>
 *   <li><b>Refunds</b> of one charge never sum to more than the charge.</li>
 *   <li><b>A failed journal write</b> (disk full, journal closed) answers
 *       {@link TransientCause#SERVER_ERROR}: the outcome may or may not be on disk, so from then on
 *       every call answers {@link TransientCause#UNREACHABLE} until the sandbox is reopened from
 *       its journal, which is what a provider's outage looks like.</li>
 *   <li><b>Deterministic.</b> Latency and failures are drawn from the seed, the key and the
 *       attempt number for the key, so the outcomes do not depend on the order in which concurrent
 *       callers arrive. Lookups never fail and take no latency.</li>
 *   <li><b>Cards.</b> A token names its test card: the token itself, or what comes before its first
 *       {@code .} after the first character, so {@code tok_visa}, {@code tok_visa.1} and
 *       {@code tok_visa.9f2c} are three tokens of one card, as a real provider mints a fresh token
 *       of one card for each payment form. {@link #cardFingerprint} answers every token (the
 *       sandbox mints any) with a fingerprint of its card alone, but for the tokens it does not
 *       know: those starting {@code tok_unknown}, whatever the configuration, answer
 *       {@link UnknownToken}, and a charge with one is declined
 *       ({@link DeclineReason#UNKNOWN_PAYMENT_METHOD}, before any decline rule: a provider charges no
 *       payment method it does not know). Like lookups, it never fails but when the journal is
 *       lost, and takes no latency. Decline rules match the token, so a {@code tok_declined.2} is
 *       declined as {@code tok_declined} is.</li>
 * </ul>
 * {@link #chargeCount} counts the successful charges recorded per key (from the journal's
 * lines, not from the idempotency map), so a test can check "each key charged at most once".
 *
 * <h2>Threads</h2>
 * Thread-safe; callers block for the latency, with the {@link Sleeper} given (by default
 * {@link Sleeper#PROCESS}). Not a process: a provider is called concurrently by many processes,
 * and one server process would serialise their latencies. Memory grows with the keys settled, as a
 * provider's database does; keys that never settled hold only an attempt counter.
 */
public final class SandboxGateway implements PaymentGateway, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SandboxGateway.class.getName());
    /** What the tokens the sandbox does not know start with; see the class notes. */
    static final String UNKNOWN_TOKENS = "tok_unknown";

    private final SandboxConfig config;
    private final Sleeper sleeper;
    private final SandboxJournal journal;
    private final Map<String, SandboxJournal.Entry> settled = new ConcurrentHashMap<>();
    private final Map<String, Long> charges = new ConcurrentHashMap<>();
    private final Map<String, Charged> chargesById = new ConcurrentHashMap<>();
    private final Map<String, Long> payouts = new ConcurrentHashMap<>();
    private final Map<String, Money> refundedByCharge = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, KeyLock> keyLocks = new ConcurrentHashMap<>();
    private final ReentrantLock refunding = new ReentrantLock();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile boolean journalFailed;

    private SandboxGateway(Path journalPath, SandboxConfig config, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.journal = SandboxJournal.open(journalPath, config.fsync(), this::remember);
    }

    /**
     * Opens the sandbox with its journal at {@code journal} (created if absent; the outcomes in it
     * are answered again), waiting with {@link Sleeper#PROCESS}.
     *
     * @throws IllegalStateException {@code sandbox_journal_locked} if another process has it open,
     *                               {@code sandbox_journal_corrupt} if a line other than the last is damaged
     * @throws java.io.UncheckedIOException if the file cannot be read or created
     */
    public static SandboxGateway open(Path journal, SandboxConfig config) {
        return new SandboxGateway(journal, config, Sleeper.PROCESS);
    }

    /** {@link #open(Path, SandboxConfig)} with another way to wait (tests record the waits). */
    public static SandboxGateway open(Path journal, SandboxConfig config, Sleeper sleeper) {
        return new SandboxGateway(journal, config, sleeper);
    }

    /**
     * The successful charges recorded per key in a journal that is not open, e.g. the journal of a
     * service that was killed: the audit of the kill -9 test. Keys never charged are absent.
     */
    public static Map<String, Long> readChargeCounts(Path journal) {
        var counts = new TreeMap<String, Long>();
        for (var entry : SandboxJournal.read(journal)) {
            if (entry.outcome() instanceof Charged) {
                counts.merge(entry.key(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        return (ChargeOutcome) settle(request);   // a charge settles as Charged or Declined
    }

    @Override
    public RefundOutcome refund(RefundRequest request) {
        return (RefundOutcome) settle(request);
    }

    @Override
    public PayoutOutcome payout(PayoutRequest request) {
        return (PayoutOutcome) settle(request);
    }

    @Override
    public LookupResult lookup(String idempotencyKey) {
        GatewayRequests.requireKey(idempotencyKey);
        // Under the key's lock, so a lookup sees the end of an operation in flight on the key.
        return withKeyLock(idempotencyKey, () -> {
            if (journalFailed) {
                return new TransientFailure(TransientCause.UNREACHABLE, "the sandbox lost its journal; reopen it");
            }
            var entry = settled.get(idempotencyKey);
            return entry == null ? new NotFound(idempotencyKey) : new Found(idempotencyKey, entry.outcome());
        });
    }

    @Override
    public CardLookup cardFingerprint(String paymentToken) {
        GatewayRequests.requireReference(paymentToken, "paymentToken");
        if (journalFailed) {
            return new TransientFailure(TransientCause.UNREACHABLE, "the sandbox lost its journal; reopen it");
        }
        return isUnknown(paymentToken) ? new UnknownToken() : new CardFound(fingerprintOf(cardOf(paymentToken)));
    }

    private static boolean isUnknown(String paymentToken) {
        return paymentToken.startsWith(UNKNOWN_TOKENS);
    }

    /** The test card a token names; see the class notes. */
    static String cardOf(String paymentToken) {
        int dot = paymentToken.indexOf('.', 1);
        return dot < 0 ? paymentToken : paymentToken.substring(0, dot);
    }

    private static String fingerprintOf(String card) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(("sandbox card " + card).getBytes(StandardCharsets.UTF_8));
            return "fp_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** How many successful charges the journal holds for {@code idempotencyKey}: 0 or 1, unless the sandbox is broken. */
    public long chargeCount(String idempotencyKey) {
        return charges.getOrDefault(idempotencyKey, 0L);
    }

    /**
     * Successful payouts per key since the journal was created (keys never paid out are absent):
     * the audit that a distribution paid each recipient at most once.
     */
    public Map<String, Long> payoutCounts() {
        return new TreeMap<>(payouts);
    }

    /** Successful charges per key since the journal was created (keys never charged are absent). */
    public Map<String, Long> chargeCounts() {
        return new TreeMap<>(charges);
    }

    /** Closes the journal. Calls after this fail. */
    @Override
    public void close() {
        journal.close();
    }

    // ---- the provider's processing ----

    /**
     * Answers {@code request}: its key's settled outcome if any (the request's own kind, or a
     * mismatch decline), else a fresh outcome, or a transient failure.
     */
    private Object settle(GatewayRequest request) {
        var key = request.idempotencyKey();
        return withKeyLock(key, () -> {
            if (journalFailed) {
                return new TransientFailure(TransientCause.UNREACHABLE, "the sandbox lost its journal; reopen it");
            }
            var previous = settled.get(key);
            if (previous != null) {
                // A settled key keeps no attempt counter: its repeats draw as attempt 0.
                sleeper.sleep(latency(randomFor(key, 0)));
                return previous.request().equals(request) ? previous.outcome()
                        : declined(DeclineReason.IDEMPOTENCY_KEY_MISMATCH);
            }
            var random = randomFor(key, attempts.merge(key, 1, Integer::sum));
            var latency = latency(random);
            int roll = random.nextInt(1000);
            if (roll < config.timeoutPerMille()) {
                sleeper.sleep(config.maxLatency());
                return new TransientFailure(TransientCause.TIMEOUT, "no answer within " + config.maxLatency());
            }
            if (roll < config.timeoutPerMille() + config.serverErrorPerMille()) {
                sleeper.sleep(latency);
                return new TransientFailure(TransientCause.SERVER_ERROR, "the provider answered 503");
            }
            sleeper.sleep(latency);
            Settled outcome;
            try {
                outcome = act(request);
            } catch (UncheckedIOException e) {
                return new TransientFailure(TransientCause.SERVER_ERROR, "the provider failed to record the outcome");
            }
            if (roll < config.timeoutPerMille() + config.serverErrorPerMille() + config.lostResponsePerMille()) {
                LOG.log(System.Logger.Level.DEBUG, "sandbox: settled {0} but lost the answer", key);
                return new TransientFailure(TransientCause.TIMEOUT, "no answer within " + config.maxLatency());
            }
            return outcome;
        });
    }

    /** Decides, journals and remembers the outcome of a request seen for the first time. */
    private Settled act(GatewayRequest request) {
        return switch (request) {
            case ChargeRequest charge -> record(request, isUnknown(charge.paymentToken())
                    ? declined(DeclineReason.UNKNOWN_PAYMENT_METHOD) : firstDecline(rule -> rule.test(charge)));
            case PayoutRequest payout -> record(request, firstDecline(rule -> rule.test(payout)));
            case RefundRequest refund -> {
                // Held across check and record, so two refunds of one charge cannot both fit.
                refunding.lock();
                try {
                    yield record(request, refundDecline(refund));
                } finally {
                    refunding.unlock();
                }
            }
        };
    }

    private Declined firstDecline(Function<DeclineRule, Optional<DeclineReason>> test) {
        return config.declineRules().stream().flatMap(rule -> test.apply(rule).stream()).findFirst()
                .map(SandboxGateway::declined).orElse(null);
    }

    private Declined refundDecline(RefundRequest refund) {
        var charge = chargesById.get(refund.chargeId());
        if (charge == null) {
            return declined(DeclineReason.UNKNOWN_CHARGE);
        }
        if (!charge.amount().sameCurrencyAs(refund.amount())) {
            return declined(DeclineReason.CURRENCY_MISMATCH);
        }
        var already = refundedByCharge.getOrDefault(refund.chargeId(), Money.zero(charge.amount().currency()));
        if (already.plus(refund.amount()).compareTo(charge.amount()) > 0) {
            return declined(DeclineReason.REFUND_EXCEEDS_CHARGE);
        }
        return null;
    }

    private Settled record(GatewayRequest request, Declined decline) {
        long seq = lastSeq.incrementAndGet();
        var outcome = decline != null ? decline : SandboxJournal.success(seq, request);
        var entry = new SandboxJournal.Entry(seq, request.idempotencyKey(), request, outcome);
        try {
            journal.append(entry);
        } catch (UncheckedIOException e) {
            // The line may or may not be on disk: answering anything settled from memory now could
            // contradict the journal after a reopen, so the sandbox refuses every call until then.
            journalFailed = true;
            LOG.log(System.Logger.Level.ERROR, "event=sandbox_journal_failed key=" + request.idempotencyKey()
                    + " refusing=until_reopened", e);
            throw e;
        }
        remember(entry);
        return outcome;
    }

    /** Applies a settled entry to memory: from {@link #record} and from the journal's replay. */
    private void remember(SandboxJournal.Entry entry) {
        lastSeq.accumulateAndGet(entry.seq(), Math::max);
        settled.put(entry.key(), entry);
        attempts.remove(entry.key());
        switch (entry.outcome()) {
            case Charged charged -> {
                charges.merge(entry.key(), 1L, Long::sum);
                chargesById.put(charged.chargeId(), charged);
            }
            case Refunded refunded -> refundedByCharge.merge(refunded.chargeId(), refunded.amount(), Money::plus);
            case PaidOut paidOut -> payouts.merge(entry.key(), 1L, Long::sum);
            case Declined ignored -> { }
        }
    }

    private static Declined declined(DeclineReason reason) {
        return new Declined(reason, switch (reason) {
            case INSUFFICIENT_FUNDS -> "the account cannot cover the amount";
            case CARD_DECLINED -> "the issuer declined the card";
            case UNKNOWN_PAYMENT_METHOD -> "no such payment method";
            case EXPIRED_CARD -> "the card has expired";
            case SUSPECTED_FRAUD -> "the provider suspects fraud";
            case UNKNOWN_CHARGE -> "no such charge";
            case REFUND_EXCEEDS_CHARGE -> "the refunds would exceed the charge";
            case CURRENCY_MISMATCH -> "the refund is not in the charge's currency";
            case RECIPIENT_REJECTED -> "the recipient's account cannot receive payouts";
            case IDEMPOTENCY_KEY_MISMATCH -> "the idempotency key was used with a different request";
        });
    }

    // ---- determinism ----

    private SplittableRandom randomFor(String key, int attempt) {
        // FNV-1a over the key's bytes: stable across JVMs, unlike identity hashes.
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new SplittableRandom(config.seed() ^ hash ^ (attempt * 0x9E3779B97F4A7C15L));
    }

    private Duration latency(SplittableRandom random) {
        long min = config.minLatency().toNanos();
        long spread = config.maxLatency().toNanos() - min;
        return Duration.ofNanos(spread == 0 ? min : min + random.nextLong(spread + 1));
    }

    // ---- one lock per key, dropped when nobody holds or waits for it ----

    private <T> T withKeyLock(String key, Supplier<T> body) {
        var lock = keyLocks.compute(key, (k, existing) -> {
            var l = existing == null ? new KeyLock() : existing;
            l.users++;
            return l;
        });
        lock.lock.lock();
        try {
            return body.get();
        } finally {
            lock.lock.unlock();
            keyLocks.computeIfPresent(key, (k, l) -> --l.users == 0 ? null : l);
        }
    }

    private static final class KeyLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;  // guarded by the map's compute on the key
    }
}
