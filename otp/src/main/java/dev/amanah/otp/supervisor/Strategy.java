package dev.amanah.otp.supervisor;

/** How a {@link Supervisor} reacts when a child it restarts has ended. */
public enum Strategy {
    /** Restart only that child. */
    ONE_FOR_ONE,
    /** Stop all the other children (in reverse start order), then restart all, in order. */
    ONE_FOR_ALL,
    /** Stop the children started after it (in reverse order), then restart it and them, in order. */
    REST_FOR_ONE
}
