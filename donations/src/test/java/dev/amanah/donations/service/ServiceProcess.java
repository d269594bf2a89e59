package dev.amanah.donations.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code amanah serve} in a JVM of its own (this JVM's java, this test's class path), for tests
 * that kill it. Its output goes to a log file; {@link #port()} is read from its "serving on" line.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("amanah: serving on http://[^:]+:(\\d+)");

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the service with these environment variables; returns once it serves. */
    static ServiceProcess start(Path log, Map<String, String> environment, Duration timeout) throws IOException {
        var java = ProcessHandle.current().info().command().orElseThrow();
        // The log is appended to across runs: only what this run writes counts.
        var from = Files.exists(log) ? Files.size(log) : 0;
        var builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.amanah.donations.cli.Amanah", "serve"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        var process = builder.start();
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var text = Files.readString(log);
            var matcher = SERVING.matcher(text.substring((int) Math.min(from, text.length())));
            if (matcher.find()) {
                return new ServiceProcess(process, Integer.parseInt(matcher.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            sleep(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not start within " + timeout + "; see " + log);
    }

    int port() {
        return port;
    }

    /** {@code kill -9}: no shutdown hook, no drain, no flush. Waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed service did not end");
        }
    }

    /** {@code SIGTERM}: the service drains and stops. Waits until it has. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not stop on SIGTERM within 60 s");
        }
    }

    /** Waits up to {@code timeout} for the service to exit on its own; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the service did not exit within " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
