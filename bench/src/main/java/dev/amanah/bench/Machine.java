package dev.amanah.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on, for the report's header. */
record Machine(String cpu, int cores, long memoryBytes, String os, String jdk, String jvmArguments, String pekko,
               String commit) {

    static Machine current() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + Runtime.version(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                org.apache.pekko.Version.current(),
                // Set by bench/run from git.
                System.getProperty("bench.commit", "unknown"));
    }

    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "unknown CPU";
        }
    }

    /** Total physical memory in GiB, rounded. */
    long memoryGib() {
        return Math.round(memoryBytes / (double) (1L << 30));
    }
}
