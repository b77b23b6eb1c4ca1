package keybot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import keybot.testkit.LocalHttp;

/**
 * CPU time, from /proc: this JVM's, the embedded PostgreSQL's (its postmaster and every backend), and the whole
 * machine's. Read before and after a run, it says where a request's CPU went: keybot's side or the database's.
 */
final class CpuMeter {

    private static final double TICK = 0.01; // USER_HZ is 100 on Linux

    /** Threads of the benchmark itself: the load generator and the stand-ins for Slack and Supabase. */
    private static final List<String> BENCH_THREADS = List.of("load", LocalHttp.THREAD_PREFIX, "HTTP-Dispatcher");

    /** CPU seconds so far (the benchmark's own threads are part of the JVM's), and the machine's ticks. */
    record Sample(double jvm, double bench, double postgres, long machineBusy, long machineTotal) {}

    /**
     * CPU spent between two samples, in seconds: the JVM's without the benchmark's own threads (what the app
     * under test used, with GC and JIT), the benchmark's threads, PostgreSQL; and how busy the machine was.
     */
    record Spent(double appSeconds, double benchSeconds, double postgresSeconds, double machineBusyPercent) {}

    private final Path postmasterPid;

    CpuMeter(Path dataDirectory) {
        this.postmasterPid = dataDirectory.resolve("postmaster.pid");
    }

    Sample sample() {
        Machine.Cpu machine = Machine.cpu();
        return new Sample(
                ticks("self", false) * TICK,
                benchThreads() / 1e9,
                postgres() * TICK,
                machine.busyTicks(),
                machine.totalTicks());
    }

    static Spent between(Sample a, Sample b) {
        long total = b.machineTotal() - a.machineTotal();
        double bench = b.bench() - a.bench();
        return new Spent(
                round(b.jvm() - a.jvm() - bench),
                round(bench),
                round(b.postgres() - a.postgres()),
                total <= 0 ? 0 : Math.round(1000.0 * (b.machineBusy() - a.machineBusy()) / total) / 10.0);
    }

    /** The load generator's finished workers, and the live threads of the generator and the stand-ins. */
    private static long benchThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = Load.finishedWorkerCpuNanos();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null
                    && BENCH_THREADS.stream().anyMatch(t.getThreadName()::startsWith)
                    && !t.getThreadName().matches("load-\\d+")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** The postmaster's own time and its ended children's, plus every running child's. */
    private long postgres() {
        String pid;
        try {
            pid = Files.readAllLines(postmasterPid).get(0).strip();
        } catch (IOException | IndexOutOfBoundsException e) {
            return 0;
        }
        long sum = ticks(pid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                String[] f = stat(p.getFileName().toString());
                if (f != null && f[1].equals(pid)) {
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (IOException e) {
            return sum;
        }
        return sum;
    }

    /** utime + stime (and the reaped children's, when asked) of a process, in ticks. */
    private static long ticks(String pid, boolean withChildren) {
        String[] f = stat(pid);
        if (f == null) {
            return 0;
        }
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, … [11] utime, [12] stime. */
    private static String[] stat(String pid) {
        try {
            String line = Files.readString(Path.of("/proc", pid, "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
