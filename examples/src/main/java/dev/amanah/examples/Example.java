package dev.amanah.examples;

import dev.amanah.otp.ProcessBody;
import java.util.Objects;

/**
 * One runnable example: its name on the command line, the seed section and module it ports, the
 * Java class, what it shows, and the demonstration {@link Examples} runs.
 *
 * @param name       the command-line name, e.g. {@code basic-processes}
 * @param section    the seed's section, e.g. {@code Processes}
 * @param seedModule the seed's module, e.g. {@code FinancialDomain.Examples.BasicProcesses}
 * @param javaClass  the port
 * @param summary    one line: what it shows
 * @param demo       the demonstration; runs in its own process and prints as it goes
 */
public record Example(String name, String section, String seedModule, Class<?> javaClass, String summary,
                      ProcessBody demo) {
    public Example {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(seedModule, "seedModule");
        Objects.requireNonNull(javaClass, "javaClass");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(demo, "demo");
    }

    /** Whether {@code query} names this example: its name or its class's simple name, ignoring case. */
    public boolean isNamed(String query) {
        return name.equalsIgnoreCase(query) || javaClass.getSimpleName().equalsIgnoreCase(query);
    }
}
