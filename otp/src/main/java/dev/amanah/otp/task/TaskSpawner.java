package dev.amanah.otp.task;

import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessBody;
import dev.amanah.otp.Processes;

/**
 * How an async stream's monitor process starts the task of one element, and how it learns of its
 * end: linked to the monitor ({@link Task#asyncStream}; an {@code Exit} message, since the
 * monitor traps exits) or as a supervisor's child, monitored
 * ({@link TaskSupervisor#asyncStreamNolink}; a {@code Down}).
 */
sealed interface TaskSpawner {
    Linked LINKED = new Linked();

    /** Whether tasks are linked to the monitor, and the monitor to the consumer. */
    boolean linked();

    /** Starts {@code body}; runs in the monitor process. Null if a supervisor refused. */
    Pid spawn(ProcessBody body);

    record Linked() implements TaskSpawner {
        @Override
        public boolean linked() {
            return true;
        }

        @Override
        public Pid spawn(ProcessBody body) {
            return Processes.spawnLink(body);
        }
    }

    record Supervised(TaskSupervisor supervisor) implements TaskSpawner {
        @Override
        public boolean linked() {
            return false;
        }

        @Override
        public Pid spawn(ProcessBody body) {
            var monitor = Processes.self();
            var pid = supervisor.tryStartChild(() -> {
                TaskBodies.awaitGo(monitor);
                body.run();
            }, ChildOptions.DEFAULT, "asyncStreamNolink");
            if (pid != null) {
                pid.send(new Go(Processes.monitor(pid)));
            }
            return pid;
        }
    }
}
