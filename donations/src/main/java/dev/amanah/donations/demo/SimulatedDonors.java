package dev.amanah.donations.demo;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Donors sending donations to the service's public API at a steady rate: {@code donors} processes,
 * each registered as {@code demo.donor-N}, each at {@code rate / donors} donations per second.
 * About 4 % of their cards are declined by the sandbox (test tokens), and about one accepted
 * donation in 12 is then partly refunded through the refund API, as the member of staff whose
 * session they are given (refunds are a preparer's action). Each request has its own
 * idempotency key. Counters are readable from any thread; {@link #stop} kills the processes.
 */
final class SimulatedDonors {
    private static final List<String> NAMES = List.of("Aisha", "Omar", "Fatima", "Yusuf", "Maryam", "Ibrahim", "Khadija",
            "Bilal", "Zainab", "Hamza", "Sara", "Idris", "Layla", "Tariq", "Noor", "Sami");
    private static final long[] AMOUNTS_MAJOR = {5, 10, 10, 20, 25, 25, 50, 50, 100, 250};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final StaffSession refunder;
    private final List<Pid> pids = new ArrayList<>();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong declined = new AtomicLong();
    final AtomicLong refunded = new AtomicLong();
    final AtomicLong other = new AtomicLong();

    /** Donors of the service at {@code base}, whose refunds are issued in {@code refunder}'s session. */
    SimulatedDonors(URI base, StaffSession refunder) {
        this.base = base;
        this.refunder = refunder;
    }

    /** Starts {@code donors} donor processes sending {@code rate} donations per second in all. */
    void start(int donors, double rate, long seed) {
        var interval = Duration.ofNanos((long) (1_000_000_000L * donors / rate));
        for (int i = 0; i < donors; i++) {
            var random = new Random(seed + i);
            var name = "demo.donor-" + (i + 1);
            var pid = Processes.spawn(() -> {
                for (long n = 0; ; n++) {
                    donate(random, name + "-" + n);
                    Processes.sleep(interval);
                }
            });
            Processes.register(name, pid); // here, not in the donor: registered once start returns
            pids.add(pid);
        }
    }

    private void donate(Random random, String key) {
        var campaign = DemoCampaign.SAMPLES.get(random.nextInt(DemoCampaign.SAMPLES.size()));
        var donor = random.nextInt(5_000);
        int roll = random.nextInt(100);
        var token = roll < 3 ? "tok_declined_" + donor : roll < 4 ? "tok_insufficient_funds_" + donor : "tok_visa_" + donor;
        var amountMinor = AMOUNTS_MAJOR[random.nextInt(AMOUNTS_MAJOR.length)] * 100;
        var name = NAMES.get(donor % NAMES.size());
        var body = "{\"campaignId\":\"" + campaign.id() + "\",\"amountMinor\":" + amountMinor + ",\"currency\":\"" + campaign.currency()
                + "\",\"fundType\":\"" + campaign.fundType() + "\",\"donor\":{\"name\":\"" + name + "\",\"email\":\"donor" + donor
                + "@example.org\"},\"paymentToken\":\"" + token + "\"}";
        var response = post(request("/api/donations", key), body);
        if (response == null) {
            other.incrementAndGet();
            return;
        }
        switch (response.statusCode()) {
            case 201 -> {
                accepted.incrementAndGet();
                if (random.nextInt(12) == 0) {
                    refund(response.body(), amountMinor / 2, key);
                }
            }
            case 402 -> declined.incrementAndGet();
            default -> other.incrementAndGet();
        }
    }

    private void refund(String acceptedBody, long amountMinor, String key) {
        var start = acceptedBody.indexOf("\"donationId\":\"");
        if (start < 0) {
            return;
        }
        var id = acceptedBody.substring(start + 14, acceptedBody.indexOf('"', start + 14));
        var response = post(refunder.sign(request("/api/donations/" + id + "/refunds", "refund-" + key)),
                "{\"amountMinor\":" + amountMinor + "}");
        if (response != null && response.statusCode() == 201) {
            refunded.incrementAndGet();
        }
    }

    private HttpRequest.Builder request(String path, String key) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Idempotency-Key", key);
    }

    private HttpResponse<String> post(HttpRequest.Builder request, String body) {
        try {
            return http.send(request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return null; // the service is stopping or busy: the next donation tries again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Kills the donor processes; returns at once. */
    void stop() {
        pids.forEach(pid -> Processes.exit(pid, ExitReason.KILL));
        http.close();
    }
}
