package dev.amanah.donations.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A separate JVM for {@link IdempotencyStoreTest}: opens its own pool on the database named by its
 * arguments, prints {@code ready}, waits for a line on standard input, then claims each key from
 * several threads at once and prints one line per key: {@code key claimed inFlight}.
 *
 * <p>Arguments: jdbcUrl user password threads key...
 */
public final class ClaimProcess {
    private ClaimProcess() {
    }

    public static void main(String[] args) throws Exception {
        var config = DatabaseConfig.fromUrl(args[0], args[1], args[2]).withMaxAttempts(50)
                .withBusyTimeout(Duration.ofSeconds(10));
        int threads = Integer.parseInt(args[3]);
        try (var database = Database.open(config.withPoolSize(Math.min(threads, config.dialect() == Dialect.SQLITE ? 2 : 4)));
             var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var keys = new IdempotencyStore(database, Clock.systemUTC());
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            for (int k = 4; k < args.length; k++) {
                var key = args[k];
                var start = new CountDownLatch(1);
                var results = new ArrayList<Future<ClaimResult>>();
                for (int t = 0; t < threads; t++) {
                    results.add(executor.submit(() -> {
                        start.await();
                        return keys.claim(key, "fp");
                    }));
                }
                start.countDown();
                int claimed = 0;
                int inFlight = 0;
                for (var result : results) {
                    switch (result.get()) {
                        case ClaimResult.Claimed c -> claimed++;
                        case ClaimResult.InFlight f -> inFlight++;
                        default -> throw new IllegalStateException("unexpected " + result.get());
                    }
                }
                System.out.println(key + " " + claimed + " " + inFlight);
            }
        }
    }
}
