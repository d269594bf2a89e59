package dev.amanah.donations.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.payment.CardFound;
import dev.amanah.donations.payment.CardLookup;
import dev.amanah.donations.payment.ChargeOutcome;
import dev.amanah.donations.payment.ChargeRequest;
import dev.amanah.donations.payment.CircuitOpen;
import dev.amanah.donations.payment.LookupResult;
import dev.amanah.donations.payment.PaymentGateway;
import dev.amanah.donations.payment.PayoutOutcome;
import dev.amanah.donations.payment.PayoutRequest;
import dev.amanah.donations.payment.RefundOutcome;
import dev.amanah.donations.payment.RefundRequest;
import dev.amanah.donations.payment.TransientCause;
import dev.amanah.donations.payment.TransientFailure;
import dev.amanah.donations.payment.UnknownToken;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The card the fraud counters count a donation's token by, and what they count when the provider cannot tell. */
@InProcess.Tests
class TokenCardsTest {
    private static final Duration BUDGET = Duration.ofSeconds(5);

    private final TaskSupervisor tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());

    @AfterEach
    void stop() {
        tasks.stop();
    }

    private static DonationRequest paidWith(String token) {
        return new DonationRequest("key-1", "ramadan", Money.of("10.00", "GBP"), FundType.SADAQAH, "Aisha",
                "aisha@example.org", token, "198.51.100.7");
    }

    @Test
    void aTokenIsCountedByTheCardTheProviderNames() {
        var cards = new TokenCards(new CardGateway().then(new CardFound("fp_1"), new CardFound("fp_1")), tasks, BUDGET, 10);

        assertThat(cards.of(paidWith("tok_a"))).isEqualTo("card:fp_1");
        assertThat(cards.of(paidWith("tok_b"))).isEqualTo("card:fp_1");
    }

    /** Not refused for the provider's sake: counted by the token, as before the provider was asked. */
    @Test
    void aTokenTheProviderCannotNameIsCountedByItsDigest() {
        var answers = List.<CardLookup>of(new UnknownToken(), new TransientFailure(TransientCause.TIMEOUT, "no answer"),
                new CircuitOpen("sandbox", Instant.EPOCH));
        for (var answer : answers) {
            var cards = new TokenCards(new CardGateway().then(answer), tasks, BUDGET, 10);

            assertThat(cards.of(paidWith("tok_a"))).as(answer.toString()).isEqualTo(paidWith("tok_a").tokenDigest());
        }
    }

    @Test
    void aProviderThatDoesNotAnswerWithinTheBudgetIsNotWaitedFor() {
        var release = new CountDownLatch(1);
        var stuck = new CardGateway() {
            @Override
            public CardLookup cardFingerprint(String paymentToken) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new CardFound("fp_late");
            }
        };
        try {
            var cards = new TokenCards(stuck, tasks, Duration.ofMillis(50), 10);

            assertThat(cards.of(paidWith("tok_a"))).isEqualTo(paidWith("tok_a").tokenDigest());
        } finally {
            release.countDown();
        }
    }

    /**
     * A fraud check killed while its lookup waits on the provider (its donation timed out, its
     * pipeline crashed) takes the lookup down with it, rather than leaving it to run to the
     * adapter's own timeout with nobody to answer.
     */
    @Test
    void aLookupEndsWhenTheCheckThatAskedForItIsKilled() throws Exception {
        var lookupTask = new CompletableFuture<Pid>();
        var release = new CountDownLatch(1);
        var stuck = new CardGateway() {
            @Override
            public CardLookup cardFingerprint(String paymentToken) {
                lookupTask.complete(Processes.self());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new CardFound("fp_late");
            }
        };
        try {
            var cards = new TokenCards(stuck, tasks, BUDGET, 10);
            var asker = Processes.spawn(() -> cards.of(paidWith("tok_a")));
            var lookup = Processes.monitor(lookupTask.get(10, TimeUnit.SECONDS));

            Processes.exit(asker, ExitReason.KILL);

            var ended = Processes.receive(Duration.ofSeconds(10),
                    message -> message instanceof Down down && down.ref().equals(lookup) ? down : null, () -> null);
            assertThat(ended).as("the lookup's Down once its asker is killed").isNotNull();
        } finally {
            release.countDown();
        }
    }

    /** The lookup is linked to the check that asked for it, yet its failure is the check's fallback, not its end. */
    @Test
    void aLookupThatThrowsIsCountedByTheTokensDigestAndLeavesTheCheckRunning() {
        var failing = new CardGateway() {
            @Override
            public CardLookup cardFingerprint(String paymentToken) {
                throw new IllegalStateException("the adapter is broken");
            }
        };
        var cards = new TokenCards(failing, tasks, BUDGET, 10);

        assertThat(cards.of(paidWith("tok_a"))).isEqualTo(paidWith("tok_a").tokenDigest());
    }

    /** A token's card never changes: asked once, and still known while the provider is unavailable. */
    @Test
    void aCardFoundIsRememberedForItsTokenAndAFallbackIsNot() {
        var open = new CircuitOpen("sandbox", Instant.EPOCH);
        var gateway = new CardGateway().then(new CardFound("fp_1"), open, new CardFound("fp_2"));
        var cards = new TokenCards(gateway, tasks, BUDGET, 10);

        var first = cards.of(paidWith("tok_a"));
        var again = cards.of(paidWith("tok_a"));
        var otherDuringOutage = cards.of(paidWith("tok_b"));
        var otherAfter = cards.of(paidWith("tok_b"));

        assertThat(List.of(first, again)).containsOnly("card:fp_1");
        assertThat(otherDuringOutage).isEqualTo(paidWith("tok_b").tokenDigest());
        assertThat(otherAfter).isEqualTo("card:fp_2");
        assertThat(gateway.calls).hasValue(3);
    }

    @Test
    void theLeastRecentlyUsedTokenIsForgottenFirst() {
        var gateway = new CardGateway().then(new CardFound("fp_a"), new CardFound("fp_b"), new CardFound("fp_c"),
                new CardFound("fp_b2"));
        var cards = new TokenCards(gateway, tasks, BUDGET, 2);

        cards.of(paidWith("tok_a"));
        cards.of(paidWith("tok_b"));
        cards.of(paidWith("tok_a"));   // used: tok_b is now the eldest
        cards.of(paidWith("tok_c"));

        assertThat(cards.of(paidWith("tok_a"))).isEqualTo("card:fp_a");
        assertThat(cards.of(paidWith("tok_b"))).isEqualTo("card:fp_b2");
        assertThat(gateway.calls).hasValue(4);
    }

    /** Answers card lookups from a script, one per call; nothing else. */
    private static class CardGateway implements PaymentGateway {
        private final Deque<CardLookup> script = new ArrayDeque<>();
        final AtomicInteger calls = new AtomicInteger();

        CardGateway then(CardLookup... answers) {
            synchronized (script) {
                script.addAll(List.of(answers));
            }
            return this;
        }

        @Override
        public CardLookup cardFingerprint(String paymentToken) {
            calls.incrementAndGet();
            synchronized (script) {
                var answer = script.pollFirst();
                if (answer == null) {
                    throw new AssertionError("no answer left for call " + calls.get());
                }
                return answer;
            }
        }

        @Override
        public ChargeOutcome charge(ChargeRequest request) {
            throw new AssertionError("no charge here");
        }

        @Override
        public RefundOutcome refund(RefundRequest request) {
            throw new AssertionError("no refund here");
        }

        @Override
        public PayoutOutcome payout(PayoutRequest request) {
            throw new AssertionError("no payout here");
        }

        @Override
        public LookupResult lookup(String idempotencyKey) {
            throw new AssertionError("no lookup here");
        }
    }
}
