package dev.amanah.otp;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Java Flight Recorder events for process spawn, exit and crash, so that
 * {@code jcmd <pid> JFR.start} shows what processes did. When no recording runs, each costs an
 * allocation that the JIT removes.
 */
final class ProcessEvents {
    private ProcessEvents() {
    }

    @Name("dev.amanah.ProcessSpawn")
    @Label("Process Spawn")
    @Category({"Amanah", "Processes"})
    @StackTrace(false)
    static final class Spawn extends Event {
        @Label("Pid")
        long pid;
        @Label("Parent")
        long parent;
    }

    @Name("dev.amanah.ProcessExit")
    @Label("Process Exit")
    @Category({"Amanah", "Processes"})
    @StackTrace(false)
    static final class ExitEvent extends Event {
        @Label("Pid")
        long pid;
        @Label("Registered Name")
        String name;
        @Label("Reason")
        String reason;
    }

    @Name("dev.amanah.ProcessCrash")
    @Label("Process Crash")
    @Category({"Amanah", "Processes"})
    @Description("A process ended with an abnormal reason of its own")
    @StackTrace(false)
    static final class CrashEvent extends Event {
        @Label("Pid")
        long pid;
        @Label("Registered Name")
        String name;
        @Label("Reason")
        String reason;
        @Label("Exception")
        Class<?> exception;
    }

    static void spawn(ProcessCell child, ProcessCell parent) {
        var event = new Spawn();
        if (event.shouldCommit()) {
            event.pid = child.pid.id();
            event.parent = parent == null ? 0 : parent.pid.id();
            event.commit();
        }
    }

    static void exit(ProcessCell cell, ExitReason reason) {
        var event = new ExitEvent();
        if (event.shouldCommit()) {
            event.pid = cell.pid.id();
            event.name = cell.name();
            event.reason = reason.toString();
            event.commit();
        }
    }

    static void crash(ProcessCell cell, String name, ExitReason reason) {
        var event = new CrashEvent();
        if (event.shouldCommit()) {
            event.pid = cell.pid.id();
            event.name = name;
            event.reason = reason.toString();
            event.exception = reason instanceof ExitReason.Crash crash ? crash.exception().getClass() : null;
            event.commit();
        }
    }
}
