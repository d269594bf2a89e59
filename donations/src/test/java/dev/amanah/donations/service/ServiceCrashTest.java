package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.finance.ledger.Account;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.ReplyTo;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts of the running service crash under a request: the gateway adapter while a charge is at
 * the provider, a validation task while it checks. The service keeps answering, the affected
 * request gets the right answer (charged once and accepted; or refused as not validated, charged
 * never, and the same answer on a retry of its key), and the log shows the crash and the
 * supervisor's restart. (The campaign statistics server and the processor: DonationApiTest.)
 */
@InProcess.Tests
class ServiceCrashTest {
    @TempDir
    Path dir;

    /** The stand-in's report that a check is waiting on it, from the validation task {@code caller}. */
    record CheckWaiting(Pid caller) {
    }

    /**
     * Stands in for the fraud server: tells the test who called, and never answers, so the
     * validation task that called stays in its check until the test kills it.
     */
    record SilentFraudServer(Pid test) implements GenServer<Pid> {
        @Override
        public InitResult<Pid> init() {
            return new Ok<>(test);
        }

        @Override
        public CallResult<Pid> handleCall(Object request, ReplyTo from, Pid state) {
            Processes.send(test, new CheckWaiting(from.pid()));
            return new NoReply<>(state);
        }
    }

    @Test
    void gatewayAdapterCrashingMidChargeIsRetriedWithTheKeyAndChargesOnce() throws Exception {
        var slowProvider = Map.of("AMANAH_GATEWAY_LATENCY_MIN", "1500ms", "AMANAH_GATEWAY_LATENCY_MAX", "1500ms",
                "AMANAH_GATEWAY_BACKOFF_BASE", "10ms");
        try (var log = CapturedLog.capture("dev.amanah");
             var service = AmanahService.start(TestServices.config(dir, slowProvider), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var adapter = Processes.whereis(AmanahService.GATEWAY_ADAPTER).orElseThrow();
            var handled = Processes.info(adapter).orElseThrow().reductions();

            var charging = clients.submit(() -> api.donate("g-1", Api.donation("ramadan", 2500, "tok_visa")));
            // The adapter has taken the charge's call, its second (the first is the fraud check's look-up
            // of the token's card); its caller waits for the provider's 1.5 s.
            await("the charge's call taken by the adapter",
                    () -> Processes.info(adapter).map(info -> info.reductions() > handled + 1).orElse(false));
            Processes.exit(adapter, ExitReason.KILL);
            var answer = charging.get();
            var next = api.donate("g-2", Api.donation("ramadan", 1000, "tok_visa_2").replace("aisha@", "omar@"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(service.sandbox().chargeCount("g-1")).isEqualTo(1);
            assertThat(api.donate("g-1", Api.donation("ramadan", 2500, "tok_visa"))).isEqualTo(answer);
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            assertThat(Processes.whereis(AmanahService.GATEWAY_ADAPTER))
                    .hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(adapter));
            assertThat(new LedgerStore(service.database(), Clock.systemUTC())
                    .creditBalance(Account.campaign("ramadan"), Currency.getInstance("GBP")).minorUnits()).isEqualTo(3500);
            assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line).contains("event=gateway_adapter_unavailable key=g-1"))
                    .anySatisfy(line -> assertThat(line)
                            .contains("event=child_restarted supervisor=amanah child=donations.gateway").contains("restarts=1"));
        }
    }

    @Test
    void validationTaskCrashingFailsTheDonationUnchargedWithAClearErrorAndTheServiceAnswersOn() throws Exception {
        try (var log = CapturedLog.capture("dev.amanah");
             var service = AmanahService.start(TestServices.config(dir, Map.of()), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            Supervisor.terminateChild(service.supervisor(), "donations.fraud");
            var standIn = GenServer.start(new SilentFraudServer(Processes.self()), StartOptions.named("donations.fraud"))
                    .orElseThrow();

            var checking = clients.submit(() -> api.donate("v-1", Api.donation("ramadan", 2500, "tok_visa")));
            var waiting = Processes.receive(Duration.ofSeconds(10), m -> m instanceof CheckWaiting w ? w : null);
            assertThat(waiting).as("the fraud check's call").isNotNull();
            Processes.exit(waiting.caller(), ExitReason.KILL);
            var answer = checking.get();
            GenServer.stop(standIn);
            Supervisor.restartChild(service.supervisor(), "donations.fraud").orElseThrow();
            var next = api.donate("v-2", Api.donation("ramadan", 1000, "tok_visa_2").replace("aisha@", "omar@"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.error()).isEqualTo("VALIDATION_UNAVAILABLE");
            assertThat(answer.json().get("message").asText()).contains("fraud");
            assertThat(api.donate("v-1", Api.donation("ramadan", 2500, "tok_visa"))).isEqualTo(answer);
            assertThat(donations(service).findByIdempotencyKey("v-1").orElseThrow().phase()).isEqualTo(DonationPhase.FAILED);
            assertThat(service.sandbox().chargeCount("v-1")).isZero();
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line).contains("event=validation_failed").contains("check=fraud")
                            .contains("why=crashed"))
                    .anySatisfy(line -> assertThat(line)
                            .contains("event=child_restarted supervisor=amanah child=donations.fraud"));
        }
    }

    private static DonationStore donations(AmanahService service) {
        var clock = Clock.systemUTC();
        return new DonationStore(service.database(), clock, new LedgerStore(service.database(), clock),
                new CampaignStore(service.database(), clock));
    }

    /** Polls {@code condition} until it holds; fails after 10 s. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
