package dev.amanah.examples.processes;

import dev.amanah.otp.Pid;
import dev.amanah.otp.ProcessInfo;
import dev.amanah.otp.Processes;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The seed's {@code FinancialDomain.Monitoring.ProcessInspector}: inspecting running processes for
 * monitoring and debugging, on {@link Processes#info(Pid)}, {@link Processes#list()} and
 * {@link Processes#registered()}.
 *
 * <p>Changed from the seed:
 * <ul>
 *   <li>{@code list_processes_by_memory} matches {@code {:memory, m} = Process.info(pid, :memory)},
 *       which crashes with a {@code MatchError} when a process ends between {@code Process.list()}
 *       and {@code Process.info/2} (it returns {@code nil}). Here a process that has ended is
 *       skipped.</li>
 *   <li>{@code find_donation_workers} calls {@code Process.info(Process.whereis(name))}, which
 *       crashes when the name is freed between {@code Process.registered()} and
 *       {@code whereis} ({@code Process.info(nil)}); here such a name is skipped.</li>
 *   <li>The BEAM's {@code heap_size} and {@code stack_size} have no equivalent on the JVM (a virtual
 *       thread's stack is not measurable per thread); {@link ProcessInfo#memory()} counts the
 *       mailbox and bookkeeping, and {@code current_function} is the innermost frame outside the
 *       runtime.</li>
 * </ul>
 */
public final class ProcessInspector {
    private static final int TOP = 10;

    private ProcessInspector() {
    }

    /**
     * The caller's own process, as the seed's map.
     *
     * @param pid             {@code self()}
     * @param registeredName  its registered name, if any
     * @param messageQueueLen messages waiting in its mailbox
     * @param memory          approximate bytes of its mailbox and bookkeeping
     * @param reductions      messages it has taken from its mailbox so far
     * @param currentFunction where it is now, outside the runtime
     * @param links           the processes linked to it
     * @param monitors        the processes it monitors
     */
    public record SelfInfo(Pid pid, Optional<String> registeredName, int messageQueueLen, long memory,
                           long reductions, Optional<StackTraceElement> currentFunction, List<Pid> links,
                           List<Pid> monitors) {
    }

    /** One line of {@link #listProcessesByMemory()}: {@code {pid, memory}}. */
    public record ProcessMemory(Pid pid, long memory) {
    }

    /** One line of {@link #findDonationWorkers()}: {@code {name, pid, info}}. */
    public record Worker(String name, Pid pid, ProcessInfo info) {
    }

    /** Information about the calling process (which is alive, so this never fails). */
    public static SelfInfo inspectSelf() {
        var info = Processes.info(Processes.self()).orElseThrow();
        return new SelfInfo(info.pid(), info.registeredName(), info.messageQueueLen(), info.memory(),
                info.reductions(), info.currentFrame(), info.links(), info.monitors());
    }

    /**
     * The ten live processes holding the most memory, most first. Each figure is read at a
     * slightly different instant; a process that ends meanwhile is left out.
     */
    public static List<ProcessMemory> listProcessesByMemory() {
        return listProcessesByMemory(Processes.list());
    }

    /** {@link #listProcessesByMemory()} over given pids, some of which may have ended. */
    static List<ProcessMemory> listProcessesByMemory(Collection<Pid> pids) {
        return pids.stream()
                .flatMap(pid -> Processes.info(pid).map(info -> new ProcessMemory(pid, info.memory())).stream())
                .sorted(Comparator.comparingLong(ProcessMemory::memory).reversed())
                .limit(TOP)
                .toList();
    }

    /**
     * The processes registered under a name containing {@code DonationWorker}, in name order,
     * each with its info; a name freed meanwhile, or whose process ends meanwhile, is left out.
     */
    public static List<Worker> findDonationWorkers() {
        return findDonationWorkers(Processes.registered());
    }

    /** {@link #findDonationWorkers()} over given names, some of which may have been freed. */
    static List<Worker> findDonationWorkers(Collection<String> names) {
        return names.stream()
                .filter(name -> name.contains("DonationWorker"))
                .flatMap(name -> Processes.whereis(name).stream()
                        .flatMap(pid -> Processes.info(pid).map(info -> new Worker(name, pid, info)).stream()))
                .toList();
    }
}
