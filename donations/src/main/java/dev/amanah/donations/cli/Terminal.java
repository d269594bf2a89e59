package dev.amanah.donations.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a person watches the process's standard error, where the commands draw their progress
 * bars. A bar redraws its line with carriage returns several times a second: on a terminal that is
 * one line moving; in a file or a pipe (cron, CI, {@code 2> log}) every redraw stays, a screen of
 * junk per minute of work. So a command draws bars only where this says yes, and otherwise prints
 * no progress at all (its summary and its problems still go out).
 *
 * <p>On Linux the answer is standard error's own: what {@code /proc/self/fd/2} links to, a
 * terminal device ({@code /dev/pts/N}, {@code /dev/ttyN}) or anything else (a pipe, a file,
 * {@code /dev/null}). Where that link cannot be read, the JDK's console decides: it is a terminal
 * only when standard input and output are both terminals, so standard error redirected alone is
 * not seen there. Stateless.
 */
final class Terminal {
    private static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** Whether standard error is a terminal, as far as this platform tells (see the class). */
    static boolean standardError() {
        try {
            return isTerminalDevice(Files.readSymbolicLink(STANDARD_ERROR).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
            return consoleIsTerminal();
        }
    }

    /** Whether {@code target}, what a descriptor of {@code /proc/self/fd} links to, is a terminal device. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /**
     * The console's answer. From JDK 22 on {@code System.console()} may exist for redirected
     * output too, and {@code Console.isTerminal()} (absent from the JDK 21 API we compile against)
     * tells; on JDK 21 a console exists only for a terminal.
     */
    private static boolean consoleIsTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
