package dev.amanah.otp;

/**
 * The code a process runs. Returning ends the process with {@link ExitReason#NORMAL}; an
 * {@link ExitException} ends it with the exception's reason; any other exception or error ends it
 * with {@link ExitReason.Crash}, logged as a crash report.
 */
@FunctionalInterface
public interface ProcessBody {
    /** Runs in the new process. */
    void run() throws Exception;
}
