package dev.amanah.donations.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amanah.donations.config.AmanahConfig;
import dev.amanah.donations.pipeline.DonationProcessor;
import dev.amanah.donations.store.CampaignStore;
import dev.amanah.donations.store.DonationPhase;
import dev.amanah.donations.store.DonationStore;
import dev.amanah.donations.store.LedgerStore;
import dev.amanah.finance.ledger.Account;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.server.StartOptions;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.task.TaskSupervisor;
import dev.amanah.otp.testing.CapturedLog;
import dev.amanah.otp.testing.InProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A donation's pipeline process crashes (is killed) after it claimed its idempotency key, while
 * the service runs on. The processor learns of it from the task's {@code Down} and settles that
 * donation as start-up recovery would: the crashed request gets an error (or, if the provider
 * did charge, the donation's 201), a retry of the key gets the same final answer at once (never
 * 409, no restart), nobody is charged twice and the ledger balances.
 */
@InProcess.Tests
class PipelineCrashTest {
    private static final Currency GBP = Currency.getInstance("GBP");

    @TempDir
    Path dir;

    /** The service's configuration: SQLite in {@link #dir}; a subclass may choose another database. */
    AmanahConfig config(Map<String, String> overrides) {
        return TestServices.config(dir, overrides);
    }

    @Test
    void pipelineCrashingBeforeValidationFailsTheDonationUnchargedAndTheKeyAnswersAtOnce() throws Exception {
        try (var log = CapturedLog.capture("dev.amanah");
             var service = AmanahService.start(config(Map.of()), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            Supervisor.terminateChild(service.supervisor(), "donations.fraud");
            var standIn = GenServer.start(new ServiceCrashTest.SilentFraudServer(Processes.self()),
                    StartOptions.named("donations.fraud")).orElseThrow();

            var crashing = clients.submit(() -> api.donate("c-1", Api.donation("ramadan", 2500, "tok_visa")));
            var waiting = Processes.receive(Duration.ofSeconds(10),
                    m -> m instanceof ServiceCrashTest.CheckWaiting w ? w : null);
            assertThat(waiting).as("the fraud check's call").isNotNull();
            // The pipeline task monitors its validation tasks: it is the one watching the check.
            var pipeline = Processes.info(waiting.caller()).orElseThrow().monitoredBy();
            assertThat(pipeline).as("the pipeline task watching the check").hasSize(1);
            Processes.exit(pipeline.iterator().next(), ExitReason.KILL);
            var answer = crashing.get();
            var retry = api.donate("c-1", Api.donation("ramadan", 2500, "tok_visa"));
            GenServer.stop(standIn);
            Supervisor.restartChild(service.supervisor(), "donations.fraud").orElseThrow();
            var next = api.donate("c-2", Api.donation("ramadan", 1000, "tok_visa_2").replace("aisha@", "omar@"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.error()).isEqualTo("PIPELINE_CRASHED");
            assertThat(answer.json().get("message").asText()).contains("nothing was charged");
            assertThat(retry).isEqualTo(answer);
            assertThat(donations(service).findByIdempotencyKey("c-1").orElseThrow().phase()).isEqualTo(DonationPhase.FAILED);
            assertThat(service.sandbox().chargeCount("c-1")).isZero();
            assertThat(next.status()).as(next.body()).isEqualTo(201);
            assertBalancedWithCampaignHolding(service, 1000);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("event=pipeline_crashed").contains("key=c-1").contains("claimed=true"));
        }
    }

    @Test
    void pipelineCrashingWhileItsChargeIsAtTheProviderRecordsTheChargeOnceAndTheKeyAnswersAtOnce() throws Exception {
        var slowProvider = Map.of("AMANAH_GATEWAY_LATENCY_MIN", "1500ms", "AMANAH_GATEWAY_LATENCY_MAX", "1500ms");
        try (var log = CapturedLog.capture("dev.amanah");
             var service = AmanahService.start(config(slowProvider), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var adapter = Processes.whereis(AmanahService.GATEWAY_ADAPTER).orElseThrow();
            var processor = Processes.whereis(DonationProcessor.NAME).orElseThrow();
            var handled = Processes.info(adapter).orElseThrow().reductions();

            var crashing = clients.submit(() -> api.donate("c-3", Api.donation("ramadan", 2500, "tok_visa")));
            var pipeline = pipelineAtTheProvider(adapter, processor, handled);
            Processes.exit(pipeline, ExitReason.KILL);
            var answer = crashing.get();
            var retry = api.donate("c-3", Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(retry).isEqualTo(answer);
            assertThat(service.sandbox().chargeCount("c-3")).isEqualTo(1);
            assertThat(donations(service).findByIdempotencyKey("c-3").orElseThrow().phase())
                    .isEqualTo(DonationPhase.RECEIPTED);
            assertBalancedWithCampaignHolding(service, 2500);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("event=pipeline_crashed").contains("key=c-3").contains("claimed=true"));
        }
    }

    @Test
    void settlementCrashingTooIsRetriedInTheBackgroundUntilTheKeyHasItsFinalAnswer() throws Exception {
        var slowProvider = Map.of("AMANAH_GATEWAY_LATENCY_MIN", "3s", "AMANAH_GATEWAY_LATENCY_MAX", "3s");
        try (var log = CapturedLog.capture("dev.amanah");
             var service = AmanahService.start(config(slowProvider), Clock.systemUTC());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            var api = new Api(service.port());
            api.activeCampaign("ramadan");
            var adapter = Processes.whereis(AmanahService.GATEWAY_ADAPTER).orElseThrow();
            var processor = Processes.whereis(DonationProcessor.NAME).orElseThrow();
            var handled = Processes.info(adapter).orElseThrow().reductions();

            var crashing = clients.submit(() -> api.donate("c-4", Api.donation("ramadan", 2500, "tok_visa")));
            var pipeline = pipelineAtTheProvider(adapter, processor, handled);
            Processes.exit(pipeline, ExitReason.KILL);
            // The settling task asks the provider by key, and waits for the charge still at it.
            var settling = await("the task settling the donation", () -> watchedTask(processor, pipeline));
            Processes.exit(settling, ExitReason.KILL);
            var answer = crashing.get();
            await("the background settlement's end", () -> log.lines().stream()
                    .filter(line -> line.contains("event=settled key=c-4")).findFirst().orElse(null));
            var retry = api.donate("c-4", Api.donation("ramadan", 2500, "tok_visa"));

            assertThat(answer.status()).as(answer.body()).isEqualTo(500);
            assertThat(answer.error()).isEqualTo("PROCESSING_FAILED");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("event=settled key=c-4")
                    .contains("outcome=RECORDED"));
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            assertThat(api.donate("c-4", Api.donation("ramadan", 2500, "tok_visa"))).isEqualTo(retry);
            assertThat(service.sandbox().chargeCount("c-4")).isEqualTo(1);
            assertBalancedWithCampaignHolding(service, 2500);
            assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line).contains("event=settle_failed").contains("key=c-4"));
        }
    }

    /**
     * The pipeline task (the one task the processor monitors), once the gateway adapter has taken
     * its charge's call: its second since {@code handledBefore}, the first being the fraud check's
     * look-up of the token's card (a token the service has not seen, so not yet remembered). The
     * pipeline then waits on the provider.
     */
    private static Pid pipelineAtTheProvider(Pid adapter, Pid processor, long handledBefore) throws InterruptedException {
        return await("the pipeline task waiting for its charge", () ->
                Processes.info(adapter).orElseThrow().reductions() < handledBefore + 2 ? null : watchedTask(processor, null));
    }

    private static Pid watchedTask(Pid processor, Pid except) {
        var watched = TaskSupervisor.named("donations.tasks").children().stream()
                .filter(child -> !child.equals(except))
                .filter(child -> Processes.info(child).map(info -> info.monitoredBy().contains(processor)).orElse(false))
                .toList();
        return watched.size() == 1 ? watched.getFirst() : null;
    }

    private static void assertBalancedWithCampaignHolding(AmanahService service, long minor) {
        var ledger = new LedgerStore(service.database(), Clock.systemUTC());
        assertThat(ledger.balances().stream().mapToLong(balance -> balance.balance().minorUnits()).sum()).isZero();
        assertThat(ledger.creditBalance(Account.campaign("ramadan"), GBP).minorUnits()).isEqualTo(minor);
        assertThat(ledger.balance(Account.clearing(AmanahService.GATEWAY), GBP).minorUnits()).isEqualTo(minor);
    }

    private static DonationStore donations(AmanahService service) {
        var clock = Clock.systemUTC();
        return new DonationStore(service.database(), clock, new LedgerStore(service.database(), clock),
                new CampaignStore(service.database(), clock));
    }

    /** Polls {@code probe} until it gives a value; fails after 10 s. */
    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        for (var found = probe.get(); ; found = probe.get()) {
            if (found != null) {
                return found;
            }
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(5);
        }
    }
}
