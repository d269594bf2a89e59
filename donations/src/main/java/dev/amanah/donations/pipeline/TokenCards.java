package dev.amanah.donations.pipeline;

import dev.amanah.donations.payment.CardFound;
import dev.amanah.donations.payment.CardLookup;
import dev.amanah.donations.payment.CircuitOpen;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.TransientFailure;
import dev.amanah.donations.payment.UnknownToken;
import dev.amanah.otp.task.Shutdown;
import dev.amanah.otp.task.TaskResult;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The card a donation's payment token names, as the fraud counters count it: the provider's
 * fingerprint of the card ({@link PaymentGateway#cardFingerprint}), which every token of one card
 * shares, so a card tester who mints a fresh token for each attempt is counted once per card.
 *
 * <h2>When the provider cannot answer</h2>
 * A token the provider does not know, a lookup that fails transiently or meets an open circuit,
 * or one that has not answered within {@code budget} (or crashed), is counted by a digest of the token instead
 * ({@link DonationRequest#tokenDigest()}), and a WARNING {@code event=card_lookup_fallback why=...}
 * says so (no token, no card). The donor is not refused for the provider's sake: the lookup moves
 * no money, the charge that follows has its own retries, key and settlement, so nothing is lost or
 * charged twice, and the attempt is still counted, per token as before this lookup existed. What
 * is given up, for that attempt only, is counting it with its card's other tokens. An unknown token
 * cannot be charged anyway.
 *
 * <p>The budget keeps the lookup inside the fraud check's own time ({@code timeouts.validation}):
 * a fraud check that outlived it would fail the donation (503 {@code VALIDATION_UNAVAILABLE}),
 * which is refusing the donor after all. The lookup runs as a task under {@code tasks}, killed
 * when the budget is spent, and linked to the check that asked for it, so it ends when the check
 * is killed (it reads only, so a lookup cut short leaves nothing behind). A lookup that throws
 * or exits is counted as crashed and never takes the check down.
 *
 * <h2>What is remembered</h2>
 * A token's card never changes, so each fingerprint found is kept (by the token's digest, never
 * the token), for the {@code capacity} tokens seen last: a token seen before is counted by its
 * card without asking, also while the provider is unavailable, which keeps one card's attempts on
 * one counter through an outage. Fallbacks are not kept: the next attempt asks again. (At the
 * default capacity, some 20 MB at most.)
 *
 * <p>Thread-safe: called by the concurrent fraud checks of many donations; the memory is guarded
 * by a lock held only to read or to write it, never while the provider is asked. Must be called
 * from a process (a validation task), which owns the lookup's task.
 */
final class TokenCards {
    private static final System.Logger LOG = System.getLogger("dev.amanah.donations.pipeline");
    /** Tokens whose cards are remembered: as many as the fraud counters track identifiers by default. */
    static final int DEFAULT_CAPACITY = 100_000;

    private final PaymentGateway gateway;
    private final TaskSupervisor tasks;
    private final Duration budget;
    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock; access order, so the least recently used token is forgotten first
    private final LinkedHashMap<String, String> cardByToken;

    /**
     * @param gateway  asked for the cards (the resilient one: its retries and breaker apply)
     * @param tasks    the lookups run as its tasks
     * @param budget   how long a lookup may take before the token's digest is counted instead
     * @param capacity how many tokens' cards are remembered, at least 1
     */
    TokenCards(PaymentGateway gateway, TaskSupervisor tasks, Duration budget, int capacity) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.budget = Objects.requireNonNull(budget, "budget");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.cardByToken = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The identifier the fraud counters count {@code request}'s card by: {@code card:} and the
     * provider's fingerprint, or, when the provider cannot tell (see the class notes),
     * {@link DonationRequest#tokenDigest()}. Never throws for the provider's sake; blocks at most
     * about {@code budget}.
     */
    String of(DonationRequest request) {
        var digest = request.tokenDigest();
        var known = remembered(digest);
        if (known != null) {
            return known;
        }
        // Linked, so that a fraud check killed while it waits takes its lookup down with it; the
        // lookup's own failures (an exception, a call to the adapter that exits) are its answer
        // instead, so that they never take the check down.
        var lookup = tasks.<Optional<CardLookup>>async(() -> {
            try {
                return Optional.of(gateway.cardFingerprint(request.paymentToken()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
        // An answer that races in with the kill is still taken: shutdown returns it. Shutdown
        // unlinks before it kills, so the kill does not reach this check.
        var result = lookup.yield(budget).or(() -> lookup.shutdown(Shutdown.BRUTAL_KILL));
        return switch (result.orElse(null)) {
            case TaskResult.Ok<Optional<CardLookup>>(var answer) when answer.isPresent() -> counted(digest, answer.get());
            case TaskResult.Ok<Optional<CardLookup>> failed -> fallback(digest, "lookup_crashed");
            case TaskResult.Exit<Optional<CardLookup>>(var reason) -> fallback(digest, "lookup_crashed");
            case null -> fallback(digest, "no_answer_within_" + budget.toMillis() + "ms");
        };
    }

    private String counted(String digest, CardLookup answer) {
        return switch (answer) {
            case CardFound(var fingerprint) -> remember(digest, "card:" + fingerprint);
            case UnknownToken unknown -> fallback(digest, "unknown_token");
            case TransientFailure(var cause, var detail) -> fallback(digest, "transient_" + cause);
            case CircuitOpen open -> fallback(digest, "circuit_open");
        };
    }

    private String fallback(String digest, String why) {
        LOG.log(System.Logger.Level.WARNING, "event=card_lookup_fallback why=" + why + " counted_by=token_digest");
        return digest;
    }

    private String remembered(String digest) {
        lock.lock();
        try {
            return cardByToken.get(digest);
        } finally {
            lock.unlock();
        }
    }

    private String remember(String digest, String card) {
        lock.lock();
        try {
            cardByToken.put(digest, card);
        } finally {
            lock.unlock();
        }
        return card;
    }
}
