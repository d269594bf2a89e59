package dev.amanah.examples;

import static dev.amanah.examples.IO.puts;

import dev.amanah.examples.finance.ConcurrentDistributor;
import dev.amanah.examples.finance.RealtimeProcessor;
import dev.amanah.examples.genserver.StatsAggregator;
import dev.amanah.examples.messaging.Basic;
import dev.amanah.examples.messaging.Listener;
import dev.amanah.examples.messaging.PubSub;
import dev.amanah.examples.messaging.ZakatServer;
import dev.amanah.examples.patterns.PooledProcessor;
import dev.amanah.examples.patterns.ProducerConsumer;
import dev.amanah.examples.patterns.StagedProducerConsumer;
import dev.amanah.examples.patterns.WorkerPool;
import dev.amanah.examples.processes.AsyncProcessor;
import dev.amanah.examples.processes.BasicProcesses;
import dev.amanah.examples.processes.ProcessInspector;
import dev.amanah.examples.tasks.AsyncGenerator;
import dev.amanah.examples.tasks.BatchProcessor;
import dev.amanah.examples.tasks.ParallelZakat;
import dev.amanah.examples.tasks.TaskManager;
import dev.amanah.finance.money.Money;
import dev.amanah.otp.Down;
import dev.amanah.otp.Exit;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.GenServer;
import dev.amanah.otp.supervisor.Supervisor;
import dev.amanah.otp.task.TaskSupervisor;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Every example, in the seed's order, with a demonstration that prints what it does as it goes.
 * Each demonstration stops what it started, so they can run one after the other in one JVM.
 */
public final class Catalog {
    /** The examples, in the seed's order. */
    public static final List<Example> EXAMPLES = List.of(
            new Example("basic-processes", "Processes", "FinancialDomain.Examples.BasicProcesses", BasicProcesses.class,
                    "spawn, spawn_link and spawn_monitor, each computing zakat on 10,000 with nisab 5,000",
                    Catalog::basicProcesses),
            new Example("async-processor", "Processes", "FinancialDomain.Donations.AsyncProcessor", AsyncProcessor.class,
                    "a donation processed in a linked process that reports back and always cleans up",
                    Catalog::asyncProcessor),
            new Example("process-inspector", "Processes", "FinancialDomain.Monitoring.ProcessInspector",
                    ProcessInspector.class, "Process.info of self, the biggest processes, the registered donation workers",
                    Catalog::processInspector),
            new Example("messaging-basic", "Message Passing", "FinancialDomain.Messaging.Basic", Basic.class,
                    "send and receive, a receive loop, and selective receive that leaves other messages queued",
                    Catalog::messagingBasic),
            new Example("zakat-server", "Message Passing", "FinancialDomain.ZakatServer", ZakatServer.class,
                    "request-reply by hand: a registered server loop answering tagged requests",
                    Catalog::zakatServer),
            new Example("pubsub", "Message Passing", "FinancialDomain.Notifications.PubSub + Listener", PubSub.class,
                    "a hand-written publish-subscribe broker and a listener that prints what it hears",
                    Catalog::pubSub),
            new Example("async-generator", "Task Module", "FinancialDomain.Reports.AsyncGenerator", AsyncGenerator.class,
                    "four reports with Task.async: ready in about one report's time, not four",
                    Catalog::asyncGenerator),
            new Example("parallel-zakat", "Task Module", "the Task.async zakat diagrams", ParallelZakat.class,
                    "four zakat calculations concurrently (about 1 unit of time) versus one after the other (4)",
                    Catalog::parallelZakat),
            new Example("batch-processor", "Task Module", "FinancialDomain.Verification.BatchProcessor",
                    BatchProcessor.class, "Task.async_stream: bounded concurrency, input order, explicit rate failures",
                    Catalog::batchProcessor),
            new Example("task-manager", "Task Module", "FinancialDomain.Workers.TaskManager", TaskManager.class,
                    "Task.Supervisor: a batch where one donation crashes and one times out, the caller unharmed",
                    Catalog::taskManager),
            new Example("stats-aggregator", "GenServer", "FinancialDomain.Campaigns.StatsAggregator",
                    StatsAggregator.class, "campaign statistics in a supervised GenServer: casts, calls, a restart",
                    Catalog::statsAggregator),
            new Example("producer-consumer", "Concurrent Patterns", "FinancialDomain.Processing.ProducerConsumer",
                    ProducerConsumer.class, "the seed's producer-consumer: no backpressure, the mailbox fills up",
                    Catalog::producerConsumer),
            new Example("staged-producer-consumer", "Concurrent Patterns", "ProducerConsumer, fixed with GenStage",
                    StagedProducerConsumer.class, "the same with demand-driven stages: at most maxDemand in flight",
                    Catalog::stagedProducerConsumer),
            new Example("worker-pool", "Concurrent Patterns", "FinancialDomain.Processing.WorkerPool", WorkerPool.class,
                    "the seed's round-robin pool: a slow item stalls the items dealt after it",
                    Catalog::workerPool),
            new Example("pooled-processor", "Concurrent Patterns", "WorkerPool, fixed with the library's pool",
                    PooledProcessor.class, "the same with dev.amanah.otp.pool.WorkerPool: a free worker takes the next item",
                    Catalog::pooledProcessor),
            new Example("concurrent-distributor", "Financial Domain", "FinancialDomain.Zakat.ConcurrentDistributor",
                    ConcurrentDistributor.class, "a zakat pool split exactly (largest remainder) and transferred concurrently",
                    Catalog::concurrentDistributor),
            new Example("realtime-processor", "Financial Domain", "FinancialDomain.Donations.RealtimeProcessor",
                    RealtimeProcessor.class, "a GenServer answering each donation from a supervised task, never blocked",
                    Catalog::realtimeProcessor));

    private Catalog() {
    }

    /** The example {@code query} names (see {@link Example#isNamed}). */
    public static Optional<Example> find(String query) {
        return EXAMPLES.stream().filter(example -> example.isNamed(query)).findFirst();
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void awaitDown(Pid pid) {
        var ref = Processes.monitor(pid);
        Processes.receive(m -> m instanceof Down d && d.ref() == ref ? d : null);
    }

    // ---- Processes ----

    private static void basicProcesses() {
        puts("> spawn_calculation(): an independent process");
        awaitDown(BasicProcesses.spawnCalculation());
        puts("> spawn_linked_calculation(): linked to us; it ends normal, which a link ignores");
        awaitDown(BasicProcesses.spawnLinkedCalculation());
        puts("> spawn_monitored_calculation(): we wait for its DOWN");
        BasicProcesses.spawnMonitoredCalculation();
    }

    private static void asyncProcessor() {
        var self = Processes.self();
        Processes.trapExits(true);
        puts("> process_async(\"don-1\") with the seed's stubs");
        var ok = new AsyncProcessor().processAsync("don-1");
        puts("received " + Processes.receive(m -> m instanceof AsyncProcessor.DonationProcessed ? m : null));
        puts("> process_async(\"don-2\") with a gateway that declines: the error is a message, the clean-up still runs");
        var failing = new AsyncProcessor(new AsyncProcessor.Backend() {
            @Override
            public AsyncProcessor.Receipt processPayment(AsyncProcessor.Donation donation) {
                throw new IllegalStateException("card declined");
            }

            @Override
            public void releaseResources() {
                puts("cleanup: resources released after the failure");
            }
        }).processAsync("don-2");
        puts("received " + Processes.receive(m -> m instanceof AsyncProcessor.DonationError ? m : null));
        for (var pid : List.of(ok, failing)) {
            var reason = Processes.receive(m -> m instanceof Exit(var from, var why) && from.equals(pid) ? why : null);
            puts(pid + " exited " + reason + "; we (" + self + ") are still alive");
        }
    }

    private static void processInspector() {
        puts("> inspect_self()");
        puts(ProcessInspector.inspectSelf().toString());
        var workers = IntStream.rangeClosed(1, 3).mapToObj(i -> {
            var pid = Processes.spawnLink(() -> Processes.receive(m -> m.equals("stop") ? m : null));
            Processes.register("DonationWorker." + i, pid);
            return pid;
        }).toList();
        for (int i = 0; i < 500; i++) {
            workers.getFirst().send("pending " + i); // a backlog: the biggest process
        }
        puts("> list_processes_by_memory(): top 10, a process that ends meanwhile is skipped");
        ProcessInspector.listProcessesByMemory().forEach(line -> puts("  " + line.pid() + "  " + line.memory() + " bytes"));
        puts("> find_donation_workers()");
        ProcessInspector.findDonationWorkers().forEach(worker -> puts("  " + worker.name() + " " + worker.pid()
                + " queue " + worker.info().messageQueueLen()));
        workers.forEach(pid -> pid.send("stop"));
        workers.forEach(Catalog::awaitDown);
    }

    // ---- Message passing ----

    private static void messagingBasic() {
        puts("> calculate_and_notify(100000, 85000)");
        puts("  " + Basic.calculateAndNotify(usd("100000"), usd("85000")));
        puts("> calculate_and_notify(85000, 85000): nisab is reached at equality");
        puts("  " + Basic.calculateAndNotify(usd("85000"), usd("85000")));
        puts("> process_messages() in its own process");
        var loop = Processes.spawn(Basic::processMessages);
        loop.send(new Basic.Donation(usd("50")));
        loop.send(new Basic.Zakat(usd("10000"), usd("5000")));
        loop.send("a stray message");
        loop.send(new Basic.Stop());
        awaitDown(loop);
        puts("> wait_for_specific_donation(\"d-3\") with d-1 and d-2 queued before it");
        var self = Processes.self();
        self.send(new Basic.IdentifiedDonation("d-1", usd("10")));
        self.send(new Basic.IdentifiedDonation("d-2", usd("20")));
        self.send(new Basic.IdentifiedDonation("d-3", usd("30")));
        puts("  " + Basic.waitForSpecificDonation("d-3"));
        puts("  still queued, in order: " + Processes.messages());
    }

    private static void zakatServer() {
        var server = ZakatServer.startLink();
        puts("> start_link(): " + server + " registered as " + ZakatServer.NAME);
        puts("> calculate(100000, 85000): " + ZakatServer.calculate(usd("100000"), usd("85000")));
        puts("> calculate(50000, 85000): " + ZakatServer.calculate(usd("50000"), usd("85000")));
        puts("> get_stats(): " + ZakatServer.getStats());
        ZakatServer.stop();
        awaitDown(server);
        puts("> calculate(...) with the server stopped: " + ZakatServer.calculate(usd("1"), usd("1")));
    }

    private static void pubSub() {
        var broker = PubSub.startLink();
        puts("> start_link(): broker " + broker);
        var listener = Processes.spawn(Listener::startListening);
        while (!Processes.info(broker).map(info -> info.monitors().contains(listener)).orElse(false)) {
            Processes.sleep(Duration.ofMillis(1)); // the listener subscribes from its own process
        }
        puts("> a listener subscribed; publish_donation(...) twice");
        var heard = new java.util.concurrent.atomic.AtomicInteger();
        var console = IO.sink();
        IO.redirect(line -> {
            console.accept(line);
            if (line.startsWith("New donation")) {
                heard.incrementAndGet();
            }
        });
        try {
            PubSub.publishDonation(new RealtimeProcessor.Donation("don-1", "ramadan", "donor-7", usd("25")));
            PubSub.publishDonation(new RealtimeProcessor.Donation("don-2", "water", "donor-9", usd("100")));
            while (heard.get() < 2) {
                Processes.sleep(Duration.ofMillis(1)); // the listener prints from its own process
            }
        } finally {
            IO.redirect(console);
        }
        Processes.exit(listener, ExitReason.KILL);
        awaitDown(listener);
        Processes.unlink(broker);
        Processes.exit(broker, ExitReason.KILL);
        awaitDown(broker);
    }

    // ---- Task ----

    private static void asyncGenerator() {
        var generator = new AsyncGenerator(Duration.ofMillis(300));
        puts("> generate_all_reports(2025, 3): four reports of " + generator.reportTime().toMillis() + " ms each");
        long start = System.nanoTime();
        var reports = generator.generateAllReports(2025, 3);
        puts("  " + reports);
        puts("  took " + millisSince(start) + " ms (one after the other: 1200 ms)");
        start = System.nanoTime();
        generator.generateAllReportsV2(2025, 3);
        puts("> generate_all_reports_v2 (Task.await_many): " + millisSince(start) + " ms");
    }

    private static void parallelZakat() {
        var zakat = new ParallelZakat(Duration.ofMillis(500));
        var wealths = List.of(usd("100000"), usd("250000"), usd("85000"), usd("40000"));
        var nisab = usd("85000");
        puts("> four calculations of " + zakat.calculationTime().toMillis() + " ms (the seed's diagram: 2 s)");
        long start = System.nanoTime();
        puts("  concurrently: " + zakat.calculateConcurrently(wealths, nisab) + " in " + millisSince(start) + " ms");
        start = System.nanoTime();
        puts("  sequentially: " + zakat.calculateSequentially(wealths, nisab) + " in " + millisSince(start) + " ms");
    }

    private static void batchProcessor() {
        var processor = new BatchProcessor();
        var donations = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> new BatchProcessor.Donation("d-" + i, usd(i == 7 ? "0" : i + "0")))
                .toList();
        puts("> verify_donations(30 donations), 10 at a time, 100 ms each");
        long start = System.nanoTime();
        var verified = processor.verifyDonations(donations);
        puts("  " + verified.stream().filter(Result.Ok.class::isInstance).count() + " verified, d-7 "
                + verified.get(6) + ", in " + millisSince(start) + " ms (30 × 100 ms / 10 ≈ 300)");
        puts("> process_transactions(8), 5 at a time, results in input order");
        puts("  " + processor.processTransactions(IntStream.rangeClosed(1, 8)
                .mapToObj(i -> new BatchProcessor.Transaction("t-" + i)).toList()));
        puts("> fetch_exchange_rates([EUR, GBP, SAR]) with the seed's simulated source");
        var rates = processor.fetchExchangeRates(List.of(Currency.getInstance("EUR"), Currency.getInstance("GBP"),
                Currency.getInstance("SAR")));
        rates.rates().values().forEach(rate -> puts("  1 " + rate.base() + " = " + rate.rate() + " " + rate.quote()
                + " (" + rate.source() + ")"));
        puts("> fetch_exchange_rates([EUR, JPY]) where JPY always fails: the failure is reported, not dropped");
        var flaky = processor.withRateSource(currency -> {
            if (currency.getCurrencyCode().equals("JPY")) {
                throw new IllegalStateException("rate service unavailable");
            }
            return new dev.amanah.finance.money.ExchangeRate(BatchProcessor.BASE, currency,
                    new java.math.BigDecimal("0.92"), "demo", java.time.Instant.now());
        }, Duration.ofSeconds(10), Duration.ofMillis(100));
        var result = flaky.fetchExchangeRates(List.of(Currency.getInstance("EUR"), Currency.getInstance("JPY")));
        puts("  rates: " + result.rates().keySet() + ", failures: " + result.failures());
    }

    private static void taskManager() {
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink(TaskSupervisor.Options.DEFAULT.withName(TaskManager.SUPERVISOR)).orElseThrow());
        puts("> process_donation_supervised(\"don-1\") with the seed's 1 s simulation");
        puts("  " + new TaskManager().processDonationSupervised("don-1").await(Duration.ofSeconds(5)));
        puts("> process_donations_batch([don-2, crash, slow, don-3]) with a 500 ms batch timeout");
        var manager = new TaskManager(supervisor).withDonationProcessor(id -> switch (id) {
            case "crash" -> throw new IllegalStateException("gateway refused " + id);
            case "slow" -> {
                Processes.sleep(Duration.ofMinutes(1));
                yield Result.ok(id);
            }
            default -> Result.ok(id);
        }, Duration.ofMillis(500));
        manager.processDonationsBatch(List.of("don-2", "crash", "slow", "don-3"))
                .forEach(result -> puts("  " + result));
        puts("  (the crash was logged above; we are still running: " + Processes.isAlive(Processes.self()) + ")");
        puts("> send_receipts_async([don-2, don-3]): fire and forget");
        manager.withReceiptSender(id -> puts("  receipt sent for " + id)).sendReceiptsAsync(List.of("don-2", "don-3"));
        while (!supervisor.children().isEmpty()) {
            Processes.sleep(Duration.ofMillis(5));
        }
        supervisor.stop();
    }

    // ---- GenServer ----

    private static void statsAggregator() {
        var root = Supervisor.startLink(List.of(StatsAggregator.childSpec())).orElseThrow();
        puts("> StatsAggregator started under a supervisor");
        StatsAggregator.recordDonation("ramadan", usd("100"));
        StatsAggregator.recordDonation("ramadan", usd("50.25"));
        StatsAggregator.recordDonation("water", Money.of("30", "EUR"));
        puts("> record_donation × 3 (casts); get_stats(\"ramadan\"): " + StatsAggregator.getStats("ramadan"));
        puts("> get_all_stats(): " + StatsAggregator.getAllStats());
        var first = Processes.whereis(StatsAggregator.NAME).orElseThrow();
        puts("> kill the aggregator " + first);
        Processes.exit(first, ExitReason.KILL);
        while (Processes.whereis(StatsAggregator.NAME).filter(pid -> !pid.equals(first)).isEmpty()) {
            Processes.sleep(Duration.ofMillis(1));
        }
        puts("  restarted as " + Processes.whereis(StatsAggregator.NAME).orElseThrow()
                + "; its in-memory stats start empty: " + StatsAggregator.getAllStats());
        Processes.unlink(root);
        Supervisor.stop(root);
    }

    // ---- Concurrent patterns ----

    private static List<String> donationIds(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "don-" + i).toList();
    }

    private static void producerConsumer() {
        puts("> start(10 donations): the producer sends one every 10 ms, the consumer takes 100 ms each");
        var started = new ProducerConsumer().start(donationIds(10));
        Processes.sleep(Duration.ofMillis(150));
        puts("  after 150 ms the consumer's mailbox holds "
                + Processes.info(started.consumer()).map(info -> info.messageQueueLen()).orElse(0)
                + " messages: nothing slows the producer down");
        awaitDown(started.consumer());
    }

    private static void stagedProducerConsumer() {
        puts("> run(10 donations) through stages, the consumer asking for 3 at a time");
        var processed = new StagedProducerConsumer(3, id -> {
            Processes.sleep(Duration.ofMillis(100));
            puts("Processed donation " + id);
        }).run(donationIds(10));
        puts("  " + processed + " processed; the producer never had more than 3 in flight");
    }

    private static void workerPool() {
        puts("> process_with_pool(10 items, 5 workers); item 0 takes 500 ms, the others 100 ms");
        long start = System.nanoTime();
        var results = WorkerPool.processWithPool(IntStream.range(0, 10).boxed().toList(), 5, item -> {
            Processes.sleep(Duration.ofMillis(item == 0 ? 500 : 100));
            puts("  item " + item + " done at " + millisSince(start) + " ms by " + Processes.self());
            return item;
        }, Duration.ofSeconds(30));
        puts("  results in item order: " + results);
        puts("  item 5 waited for item 0's worker although others were idle");
    }

    private static void pooledProcessor() {
        puts("> the same 10 items with the library's WorkerPool (5 workers)");
        long start = System.nanoTime();
        var results = PooledProcessor.processWithPool(IntStream.range(0, 10).boxed().toList(), 5, item -> {
            Processes.sleep(Duration.ofMillis(item == 0 ? 500 : 100));
            puts("  item " + item + " done at " + millisSince(start) + " ms by " + Processes.self());
            return item;
        }, Duration.ofSeconds(30));
        puts("  results in item order: " + results + "; only item 0 took long");
    }

    // ---- Financial domain ----

    private static void concurrentDistributor() {
        puts("> distribute(100.00 USD, 3 recipients): div would pay 33.33 each and lose 0.01");
        var summary = new ConcurrentDistributor().distribute(usd("100.00"), List.of("fuqara-1", "masakin-2", "gharimin-3"));
        summary.results().forEach(outcome -> puts("  " + outcome));
        puts("  successful " + summary.successful() + ", failed " + summary.failed() + ", transferred "
                + summary.transferred());
    }

    private static void realtimeProcessor() {
        var supervisor = TaskSupervisor.of(TaskSupervisor.startLink().orElseThrow());
        var processor = RealtimeProcessor.startLink(supervisor, RealtimeProcessor.Services.SIMULATED).orElseThrow();
        puts("> process_donation(25 USD): four validations concurrently, then the payment");
        long start = System.nanoTime();
        puts("  " + RealtimeProcessor.processDonation(new RealtimeProcessor.Donation("don-1", "ramadan", "donor-7",
                usd("25"))) + " in " + millisSince(start) + " ms (the seed's caller got no reply at all)");
        puts("> process_donation(0 USD)");
        puts("  " + RealtimeProcessor.processDonation(new RealtimeProcessor.Donation("don-2", "ramadan", "donor-7",
                usd("0"))));
        Processes.unlink(processor);
        GenServer.stop(processor);
        supervisor.stop();
    }
}
