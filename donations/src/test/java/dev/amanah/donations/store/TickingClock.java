package dev.amanah.donations.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A UTC clock one microsecond later at each reading, from a first instant: started just before a
 * midnight, it shows whether one piece of work read the time once or more than once. Thread-safe.
 */
public final class TickingClock extends Clock {
    private Instant next;

    public TickingClock(Instant first) {
        this.next = first;
    }

    @Override
    public synchronized Instant instant() {
        var now = next;
        next = next.plus(1, ChronoUnit.MICROS);
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a UTC test clock");
    }
}
