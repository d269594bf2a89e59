package dev.amanah.bench.service;

import dev.amanah.bench.BenchmarkFailure;
import dev.amanah.donations.pipeline.DonationProcessor;
import dev.amanah.donations.pipeline.DonationRequest;
import dev.amanah.finance.fund.FundType;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.ExitException;
import java.time.Duration;
import java.util.Currency;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Donations handed to the running service's {@link DonationProcessor} directly (the whole pipeline,
 * without HTTP), as a client that retries does: a transient answer (409 in flight, 500 crashed,
 * 503 still processing or pending, or no answer in time) is sent again with the same key until
 * the answer is final; every final answer must be 201. Counts the retries. Thread-safe; call from
 * a process.
 */
final class ProcessorDonations {
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration GIVE_UP = Duration.ofMinutes(10);

    private final String scenario;
    private final AtomicLong retries = new AtomicLong();

    ProcessorDonations(String scenario) {
        this.scenario = scenario;
    }

    /** Donation {@code i} ({@link HttpDonations#amount} pence, its own donor and card), retried until final. */
    void donate(int i) {
        var request = new DonationRequest("seed-" + i, BenchService.CAMPAIGN, Money.ofMinor(HttpDonations.amount(i), GBP),
                FundType.SADAQAH, "Donor " + i, "donor" + i + "@example.org", "tok_visa_" + i, "127.0.0.1");
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        for (;;) {
            int status;
            String body;
            try {
                var answer = DonationProcessor.process(request, TIMEOUT);
                status = answer.status();
                body = answer.body();
            } catch (ExitException noAnswer) {
                status = 503;
                body = noAnswer.reason().toString();
            }
            if (status == 201) {
                return;
            }
            boolean transientAnswer = status == 409 || status == 500 || status == 503 && !body.contains("NOT_CHARGED")
                    && !body.contains("VALIDATION_UNAVAILABLE") && !body.contains("INTERRUPTED");
            var answered = status + " " + body;
            BenchmarkFailure.check(transientAnswer && System.nanoTime() < deadline,
                    () -> scenario + ": donation seed-" + i + " answered " + answered);
            retries.incrementAndGet();
        }
    }

    /** How many times a donation was sent again. */
    long retries() {
        return retries.get();
    }
}
