package dev.amanah.examples.messaging;

import dev.amanah.examples.IO;
import dev.amanah.otp.Processes;

/**
 * The seed's {@code FinancialDomain.Notifications.Listener}, the usage example of {@link PubSub}:
 * subscribes, then prints every notification it receives, for ever. Meant to run in its own
 * process: {@code Processes.spawn(Listener::startListening)}.
 */
public final class Listener {
    private Listener() {
    }

    /**
     * Subscribes the calling process to {@link PubSub} and loops for ever: a
     * {@code donation_created} event is printed as a new donation, anything else as another
     * message. Never returns; stop the process with an exit signal.
     *
     * @throws IllegalArgumentException if no broker is registered
     */
    public static void startListening() {
        PubSub.subscribe();
        listenLoop();
    }

    private static void listenLoop() {
        for (;;) {
            switch (Processes.receive()) {
                case PubSub.Event(var name, var donation) when name.equals(PubSub.DONATION_CREATED) ->
                        IO.puts("New donation: " + donation);
                case Object other -> IO.puts("Other message: " + other);
            }
        }
    }
}
