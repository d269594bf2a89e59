package dev.amanah.otp.testing;

import dev.amanah.otp.Down;
import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Processes;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.management.ManagementFactory;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs each test method in a fresh process, as ExUnit runs each test in its own process: the test
 * gets an empty mailbox, can be linked to and monitored, and whatever it links to is taken down
 * with it when it ends. A test that is killed or exits fails with the exit reason. The test runner's
 * own thread is never adopted, so no state leaks from one test to the next.
 *
 * <p>The verdict waits for the test's code to finish, not only for its process to end: a process
 * killed by a link (say, a linked helper stopped with {@code shutdown} in a {@code finally}) is
 * dead for everyone while its stack still unwinds, and judging at its {@code Down} would miss the
 * assertion that is failing on the way out and pass the test.
 *
 * <p>Use with {@code @ExtendWith(InProcess.class)}.
 */
public final class InProcess implements InvocationInterceptor {
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /** How long the code of a test whose process has died may take to unwind. */
    private static final Duration UNWIND = Duration.ofSeconds(30);

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
                                    ExtensionContext extensionContext) throws Throwable {
        var failure = new AtomicReference<Throwable>();
        var exitReason = new AtomicReference<ExitReason>();
        var done = new CountDownLatch(1);
        var codeDone = new CountDownLatch(1);
        Processes.spawn(() -> {
            try {
                var test = Processes.spawnMonitor(() -> {
                    try {
                        invocation.proceed();
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        codeDone.countDown();
                    }
                    // The test's process ends with shutdown, so linked helpers it left behind die with it.
                    Processes.exit(ExitReason.SHUTDOWN);
                });
                var down = Processes.receive(LIMIT, m -> m instanceof Down d && d.ref() == test.ref() ? d : null);
                if (down == null) {
                    dumpThreads(extensionContext.getRequiredTestMethod().getName());
                    Processes.exit(test.pid(), ExitReason.KILL);
                }
                exitReason.set(down == null ? ExitReason.TIMEOUT : down.reason());
            } finally {
                done.countDown();
            }
        });
        if (!done.await(LIMIT.toSeconds() + 10, TimeUnit.SECONDS)) {
            throw new AssertionError("the test's process did not end within " + LIMIT);
        }
        var reason = exitReason.get();
        if (reason != ExitReason.TIMEOUT && !codeDone.await(UNWIND.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the test's process exited with " + reason
                    + " and its code was still running " + UNWIND + " later");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (reason == null || !reason.isGraceful()) {
            throw new AssertionError("the test's process exited with " + reason);
        }
    }

    /**
     * Writes every thread's stack, virtual threads included, to {@code target/thread-dumps/}: a
     * test that hangs says where, instead of only that it timed out.
     */
    private static void dumpThreads(String test) {
        try {
            var directory = Files.createDirectories(Path.of("target", "thread-dumps"));
            var file = directory.resolve(test + "-" + System.currentTimeMillis() + ".txt").toAbsolutePath();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            System.err.println(test + " timed out; thread dump: " + file);
        } catch (IOException | RuntimeException e) {
            System.err.println(test + " timed out; no thread dump: " + e);
        }
    }

    /** Shorthand so a test class can say {@code @InProcess.Tests}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(InProcess.class)
    public @interface Tests {
    }
}
