package dev.amanah.otp.supervisor;

/**
 * Whether a {@link Supervisor} shuts itself down (with {@code shutdown}) when significant children
 * end on their own and are not restarted: OTP's {@code auto_shutdown}.
 */
public enum AutoShutdown {
    /** Never; significant children are rejected. The default. */
    NEVER,
    /** When any significant child ends. */
    ANY_SIGNIFICANT,
    /** When every significant child has ended. */
    ALL_SIGNIFICANT
}
