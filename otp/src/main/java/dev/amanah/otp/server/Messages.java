package dev.amanah.otp.server;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.ReplyTo;
import java.util.function.Function;

/** The envelopes a server's mailbox receives besides plain messages (OTP's {@code $gen_call} etc.). */
final class Messages {
    private Messages() {
    }

    /**
     * A call: the request and where to answer. It is its own {@code Processes.request} message
     * builder, so a call allocates one envelope rather than an envelope plus a capturing lambda;
     * {@code from} is written once, by the caller, before the envelope is enqueued (the enqueue
     * publishes it).
     */
    static final class Call implements Function<ReplyTo, Object> {
        final Object request;
        ReplyTo from;

        Call(Object request) {
            this.request = request;
        }

        @Override
        public Object apply(ReplyTo replyTo) {
            from = replyTo;
            return this;
        }

        @Override
        public String toString() {
            return "{$gen_call, " + from + ", " + request + "}";
        }
    }

    /** A cast. */
    record Cast(Object request) {
        @Override
        public String toString() {
            return "{$gen_cast, " + request + "}";
        }
    }

    /** {@code GenServer.stop}: run {@code terminate} with {@code reason}, then exit with it. */
    record Stop(ExitReason reason, ReplyTo from) {
    }

    /** The starter's request to run {@code init} and answer with a {@link StartResult}. */
    record Start(ReplyTo from) {
    }
}
