package dev.amanah.otp.task;

import dev.amanah.otp.Ref;

/**
 * Owner to task: "you are monitored under {@code ref}; run". A task started by a supervisor (or
 * for an async stream under one) waits for it before running its function, so that it cannot end
 * before its owner monitors it (which would turn its real exit reason into {@code noproc}) and so
 * that it knows the ref to tag its reply with. {@link Task#async} needs none: its task is linked
 * and monitored atomically at spawn.
 */
record Go(Ref ref) {
}
