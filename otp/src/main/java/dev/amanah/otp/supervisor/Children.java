package dev.amanah.otp.supervisor;

import dev.amanah.otp.ExitReason;
import dev.amanah.otp.Pid;
import dev.amanah.otp.Processes;
import dev.amanah.otp.server.BadReturnValue;
import dev.amanah.otp.server.StartResult;

/** What both kinds of supervisor do with one child spec: start it, decide on a restart. */
final class Children {
    private Children() {
    }

    /**
     * Runs the spec's start function in the supervisor's process. A start that throws or returns
     * null is an {@code Error}; but if the supervisor itself was killed meanwhile, the exception
     * goes on.
     */
    static StartResult start(ChildSpec spec) {
        try {
            var result = spec.start().get();
            return result != null ? result
                    : new StartResult.Error(ExitReason.of(new BadReturnValue("start of child " + spec.id(), null)));
        } catch (RuntimeException | Error e) {
            if (!Processes.self().isAlive()) {
                throw e;
            }
            return new StartResult.Error(ExitReason.from(e));
        }
    }

    /** S4: whether a child that ended with {@code reason} is restarted. */
    static boolean restarts(ChildSpec.Restart restart, ExitReason reason) {
        return switch (restart) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isGraceful();
            case TEMPORARY -> false;
        };
    }

    /** A running child's pid, or null. */
    static Pid pidOf(StartResult result) {
        return result instanceof StartResult.Ok(var pid) ? pid : null;
    }
}
