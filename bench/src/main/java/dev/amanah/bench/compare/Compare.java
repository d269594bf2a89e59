package dev.amanah.bench.compare;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A one-JVM A/B comparison of builds of {@code otp} on one short workload: the tool behind
 * {@code bench/compare}, which builds each revision and calls this.
 *
 * <p>Each build gets its own class loader (its {@code otp} classes and this package compiled
 * against them, under the platform loader), so two builds run side by side in one JVM with their
 * own runtime state. The builds take turns within each round, in forward order on even rounds and
 * backward on odd ones, after {@value #WARM_UPS} warm-up runs each; the garbage is collected
 * before every run. Reported: each build's median rate, and against the first build the median and
 * quartiles of the per-round ratios and how many rounds it won. Why this design: the host's speed
 * drifts twofold within minutes, so only runs seconds apart compare, and the same build's rate
 * moves by up to a third with where its busiest process's cell falls on the cache lines (see
 * {@link Alignment}), so a comparison needs a hundred rounds or more to say 5%, and a second run
 * minutes later: the host's spells change what costs most, not only how fast everything runs.
 *
 * <p>Usage: {@code Compare WORKLOAD ROUNDS SIZE NAME=CLASSPATH...}, where {@code SIZE} may be
 * {@code default} (the workload's own); a build named {@code floor} runs the workload's floor (the
 * JDK's own primitive), where it has one.
 */
public final class Compare {
    static final int WARM_UPS = 6;

    /** The workloads, with their implementations' class names in this package. */
    enum Workload {
        TASK_AWAIT("task_await", "TaskAwaitRun", "TaskAwaitFloorRun", 100_000, "tasks"),
        SPAWN("spawn", "SpawnRun", "SpawnFloorRun", 100_000, "processes"),
        SPAWN_FUTURE("spawn_future", "SpawnFutureRun", "SpawnFutureFloorRun", 100_000, "processes"),
        CALL("call", "CallRun", null, 1_000_000, "calls"),
        CAST("cast", "CastRun", null, 1_000_000, "casts"),
        ASYNC_STREAM("async_stream", "AsyncStreamRun", "AsyncStreamFloorRun", 300_000, "items");

        final String label;
        private final String amanah;
        private final String floor;
        final int defaultSize;
        final String unit;

        Workload(String label, String amanah, String floor, int defaultSize, String unit) {
            this.label = label;
            this.amanah = amanah;
            this.floor = floor;
            this.defaultSize = defaultSize;
            this.unit = unit;
        }

        /** The class that runs this workload for a build ({@code floor}: the floor's), or null if none. */
        String className(boolean floorBuild) {
            var simple = floorBuild ? floor : amanah;
            return simple == null ? null : Compare.class.getPackageName() + "." + simple;
        }

        static Workload named(String label) {
            for (var workload : values()) {
                if (workload.label.equals(label)) {
                    return workload;
                }
            }
            throw new IllegalArgumentException("unknown workload " + label + "; one of " + labels());
        }

        static String labels() {
            return String.join(", ", Arrays.stream(values()).map(workload -> workload.label).toList());
        }
    }

    /** A build to compare: its name and the class path holding its {@code otp} and this package. */
    record Build(String name, List<Path> classPath) {
        boolean isFloor() {
            return name.equals("floor");
        }

        /** Parses {@code NAME=PATH[:PATH...]}; every path must exist. */
        static Build parse(String argument) {
            int equals = argument.indexOf('=');
            if (equals <= 0 || equals == argument.length() - 1) {
                throw new IllegalArgumentException("a build is NAME=CLASSPATH, not " + argument);
            }
            var paths = new ArrayList<Path>();
            for (var entry : argument.substring(equals + 1).split(File.pathSeparator)) {
                var path = Path.of(entry);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("build " + argument.substring(0, equals) + ": no " + path);
                }
                paths.add(path);
            }
            return new Build(argument.substring(0, equals), List.copyOf(paths));
        }
    }

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Compare WORKLOAD ROUNDS SIZE|default NAME=CLASSPATH...  (workloads: " + Workload.labels() + ")");
            System.exit(2);
        }
        try {
            var workload = Workload.named(args[0]);
            int rounds = positive("ROUNDS", args[1]);
            int size = args[2].equals("default") ? workload.defaultSize : positive("SIZE", args[2]);
            var builds = Arrays.stream(args, 3, args.length).map(Build::parse).toList();
            System.out.print(run(workload, rounds, size, builds, System.err));
        } catch (IllegalArgumentException e) {
            System.err.println("compare: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int positive(String what, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the others
        }
        throw new IllegalArgumentException(what + " must be a positive whole number, not " + text);
    }

    /**
     * Runs the comparison and returns the report; progress, one line per round, goes to
     * {@code progress}. Throws if a run fails or a result is wrong.
     */
    static String run(Workload workload, int rounds, int size, List<Build> builds, PrintStream progress) throws Exception {
        if (builds.isEmpty()) {
            throw new IllegalArgumentException("no build to run");
        }
        var runs = new ArrayList<Method>();
        for (var build : builds) {
            runs.add(load(workload, build));
        }
        int count = builds.size();
        for (int warmUp = 0; warmUp < WARM_UPS; warmUp++) {
            for (int i = 0; i < count; i++) {
                nanos(runs.get(i), size);
            }
        }
        var rates = new double[count][rounds];
        for (int round = 0; round < rounds; round++) {
            var line = new StringBuilder("round " + (round + 1) + ":");
            for (int turn = 0; turn < count; turn++) {
                int i = round % 2 == 0 ? turn : count - 1 - turn;
                rates[i][round] = size / (nanos(runs.get(i), size) / 1e9);
                line.append(' ').append(builds.get(i).name()).append(' ').append(rate(rates[i][round]));
            }
            progress.println(line);
        }
        return report(workload, rounds, size, builds, rates);
    }

    private static Method load(Workload workload, Build build) throws Exception {
        var className = workload.className(build.isFloor());
        if (className == null) {
            throw new IllegalArgumentException(workload.label + " has no floor: compare revisions or the worktree");
        }
        var urls = new URL[build.classPath().size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = url(build.classPath().get(i));
        }
        // Never closed: its classes run until the JVM ends.
        var loader = new URLClassLoader(build.name(), urls, ClassLoader.getPlatformClassLoader());
        Class<?> type;
        try {
            type = loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("build " + build.name() + ": no " + className + " on " + build.classPath());
        }
        return type.getMethod("nanos", int.class);
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a class path entry: " + path, e);
        }
    }

    private static long nanos(Method run, int size) throws Exception {
        System.gc();
        try {
            return (long) run.invoke(run.getDeclaringClass().getDeclaredConstructor().newInstance(), size);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String report(Workload workload, int rounds, int size, List<Build> builds, double[][] rates) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %,d %s a run, %d rounds after %d warm-ups each, %d processors, JDK %s%n",
                workload.label, size, workload.unit, rounds, WARM_UPS,
                Runtime.getRuntime().availableProcessors(), Runtime.version()));
        var base = builds.get(0).name();
        out.append(String.format(Locale.ROOT, "%-16s %12s   %-30s %s%n", "build", "median rate",
                "against " + base + " (per round)", "rounds won"));
        for (int i = 0; i < builds.size(); i++) {
            var own = RoundStats.of(rates[i]);
            String against = "";
            String won = "";
            if (i > 0) {
                var ratios = RoundStats.ratios(rates[i], rates[0]);
                var ratio = RoundStats.of(ratios);
                against = String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", ratio.median(), ratio.lowerQuartile(), ratio.upperQuartile());
                won = RoundStats.wins(ratios) + "/" + rounds;
            }
            out.append(String.format(Locale.ROOT, "%-16s %12s   %-30s %s", builds.get(i).name(), rate(own.median()), against, won)
                    .stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0fk/s", perSecond / 1e3);
    }
}
