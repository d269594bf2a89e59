package dev.amanah.donations.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.amanah.donations.payment.RetryPolicy;
import dev.amanah.finance.money.ExchangeRate;
import dev.amanah.otp.Processes;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.InProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Currency;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ECB adapter against a response in the feed's format (test resource {@code eurofxref-daily.xml})
 * served on loopback, and the concurrent fetcher's retries, timeout and refusal to drop a currency.
 */
@InProcess.Tests
class EcbRatesFeedTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 7);

    private HttpServer server;
    private HttpClient client;
    private TaskSupervisor tasks;
    /** Statuses to answer before the recorded document; empty: always the document. */
    private final Queue<Integer> failuresFirst = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private byte[] recorded;

    @BeforeEach
    void serve() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/dev/amanah/donations/rates/eurofxref-daily.xml")) {
            recorded = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/eurofxref-daily.xml", exchange -> {
            requests.incrementAndGet();
            Integer status;
            synchronized (failuresFirst) {
                status = failuresFirst.poll();
            }
            byte[] body = status == null ? recorded : new byte[0];
            exchange.sendResponseHeaders(status == null ? 200 : status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        client = HttpClient.newHttpClient();
        tasks = TaskSupervisor.of(TaskSupervisor.start().orElseThrow());
    }

    @AfterEach
    void stop() {
        tasks.stop();
        client.close();
        server.stop(0);
    }

    private EcbRatesFeed feed() {
        return new EcbRatesFeed(client, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/eurofxref-daily.xml"),
                Duration.ofSeconds(5));
    }

    private RateFetcher fetcher(RateProvider provider) {
        return new RateFetcher(provider, tasks, RETRY, waits::add);
    }

    @Test
    void it_reads_the_recorded_feed_exactly() {
        ExchangeRate rate = feed().rate(EUR, GBP, NOV_30);
        assertThat(rate.rate()).isEqualByComparingTo("0.8329");
        assertThat(rate.source()).isEqualTo("ECB euro reference rate of 2026-11-30");
        assertThat(feed().rate(EUR, Currency.getInstance("IDR"), NOV_30.plusDays(2)).rate()).isEqualByComparingTo("16793.20");
    }

    @Test
    void several_currencies_are_fetched_concurrently_into_one_reporting_currency() {
        var rates = fetcher(feed()).fetch(List.of(Currency.getInstance("USD"), Currency.getInstance("JPY"), EUR), GBP, NOV_30,
                Duration.ofSeconds(10));
        assertThat(rates).containsOnlyKeys(Currency.getInstance("USD"), Currency.getInstance("JPY"), EUR);
        assertThat(rates.get(EUR).rate()).isEqualByComparingTo("0.8329");
        assertThat(requests.get()).isEqualTo(3);
        assertThat(waits).isEmpty();
    }

    @Test
    void transient_failures_are_retried_with_growing_jittered_backoff() {
        failuresFirst.add(503);
        failuresFirst.add(502);
        var rates = fetcher(feed()).fetch(List.of(EUR), GBP, NOV_30, Duration.ofSeconds(10));
        assertThat(rates.get(EUR).rate()).isEqualByComparingTo("0.8329");
        assertThat(requests.get()).isEqualTo(3);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void a_feed_that_stays_down_is_an_error_naming_the_currency_and_date_after_the_last_attempt() {
        failuresFirst.addAll(List.of(503, 503, 503));
        assertThatThrownBy(() -> fetcher(feed()).fetch(List.of(EUR), GBP, NOV_30, Duration.ofSeconds(10)))
                .isInstanceOf(MissingRatesException.class)
                .hasMessageContaining("EUR->GBP on 2026-11-30").hasMessageContaining("HTTP 503").hasMessageContaining("after 3 attempts");
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void a_client_error_is_not_retried() {
        failuresFirst.add(404);
        assertThatThrownBy(() -> fetcher(feed()).fetch(List.of(EUR), GBP, NOV_30, Duration.ofSeconds(10)))
                .isInstanceOf(MissingRatesException.class).hasMessageContaining("HTTP 404");
        assertThat(requests.get()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void one_missing_currency_fails_the_whole_fetch_instead_of_vanishing() {
        var kwd = Currency.getInstance("KWD");
        assertThatThrownBy(() -> fetcher(feed()).fetch(List.of(Currency.getInstance("USD"), kwd), GBP, NOV_30, Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(MissingRatesException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().getFirst()).startsWith("KWD->GBP on 2026-11-30: ").contains("publishes no KWD rate");
                });
    }

    @Test
    void a_fetch_that_does_not_answer_in_time_is_killed_and_reported() {
        var usd = Currency.getInstance("USD");
        RateProvider stuck = (from, to, date) -> {
            if (from.equals(usd)) {
                Processes.receive();   // never sent anything: waits until killed
            }
            return RatesFile.bundled().rate(from, to, date);
        };
        // The EUR lookup must answer within the deadline: the bundled file is read before the
        // clock starts, and the deadline leaves a loaded machine (CI, two cores) ample room.
        RatesFile.bundled().rate(EUR, GBP, NOV_30);
        assertThatThrownBy(() -> fetcher(stuck).fetch(List.of(EUR, usd), GBP, NOV_30, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(MissingRatesException.class, e ->
                        assertThat(e.problems()).containsExactly("USD->GBP on 2026-11-30: no answer within 2000 ms"));
    }

    @Test
    void a_document_that_is_not_a_feed_is_unreadable_not_transient() {
        assertThatThrownBy(() -> EcbRatesFeed.parse("<html>maintenance</html>".getBytes(), GBP, NOV_30))
                .isInstanceOfSatisfying(RateException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("GBP").hasMessageContaining("2026-11-30");
    }
}
