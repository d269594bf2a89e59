package dev.amanah.donations.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests running and, once draining, turns new ones away with
 * {@code 503 SHUTTING_DOWN}. A request is admitted and counted under one lock, so after
 * {@link #drain} has begun no request can start unseen: drain waits exactly for those admitted
 * before it. Thread-safe.
 */
final class InFlight implements Filter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private boolean draining;

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (!admit()) {
            response.header("Connection", "close");
            Responses.error(response, new ApiError(503, "SHUTTING_DOWN",
                    "The service is shutting down; retry against another instance or later", null));
            return;
        }
        try {
            chain.proceed();
        } finally {
            finish();
        }
    }

    private boolean admit() {
        lock.lock();
        try {
            if (draining) {
                return false;
            }
            running++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish() {
        lock.lock();
        try {
            if (--running == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean draining() {
        lock.lock();
        try {
            return draining;
        } finally {
            lock.unlock();
        }
    }

    /** Stops admitting, waits up to {@code grace} for running requests; returns how many remain. */
    int drain(Duration grace) {
        lock.lock();
        try {
            draining = true;
            long nanos = grace.toNanos();
            while (running > 0 && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return running;
        } finally {
            lock.unlock();
        }
    }
}
