package keybot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the run ran on, and how much memory a process holds. */
final class Machine {

    private Machine() {}

    record Info(
            int cpus,
            String cpuModel,
            long memoryMb,
            String java,
            String vm,
            String os,
            String maxHeap,
            String commit) {}

    /** Heap in use and committed (this JVM), and resident set size now and at its highest (VmRSS, VmHWM). */
    record Memory(String when, long heapUsedMb, long heapCommittedMb, long rssMb, long peakRssMb) {}

    /** The machine's CPU counters: how busy it was between two readings, whoever kept it busy. */
    record Cpu(String loadAverage, long busyTicks, long totalTicks) {
        double busyPercentSince(Cpu before) {
            long total = totalTicks - before.totalTicks;
            return total <= 0 ? 0 : Math.round(1000.0 * (busyTicks - before.busyTicks) / total) / 10.0;
        }
    }

    static Cpu cpu() {
        String load = read(Path.of("/proc/loadavg")).strip();
        String[] parts = load.split(" ");
        String average = parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
        String line = read(Path.of("/proc/stat"))
                .lines()
                .filter(l -> l.startsWith("cpu "))
                .findFirst()
                .orElse("");
        long total = 0;
        long idle = 0;
        String[] f = line.strip().split("\\s+");
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v; // idle, iowait
            }
        }
        return new Cpu(average, total - idle, total);
    }

    static Info info() {
        String model = read(Path.of("/proc/cpuinfo"))
                .lines()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown");
        long memKb = field(read(Path.of("/proc/meminfo")), "MemTotal:");
        return new Info(
                Runtime.getRuntime().availableProcessors(),
                model,
                memKb / 1024,
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB",
                commit());
    }

    static Memory self(String when) {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String status = read(Path.of("/proc/self/status"));
        return new Memory(
                when,
                heap.getUsed() >> 20,
                heap.getCommitted() >> 20,
                field(status, "VmRSS:") >> 10,
                field(status, "VmHWM:") >> 10);
    }

    /** Another process's RSS, from /proc; heap figures are not known from outside (-1). */
    static Memory process(String when, long pid) {
        String status = read(Path.of("/proc/" + pid + "/status"));
        return new Memory(when, -1, -1, field(status, "VmRSS:") >> 10, field(status, "VmHWM:") >> 10);
    }

    private static long field(String text, String name) {
        return text.lines()
                .filter(l -> l.startsWith(name))
                .map(l -> l.substring(name.length()).replace("kB", "").strip())
                .mapToLong(Long::parseLong)
                .findFirst()
                .orElse(-1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The git commit of the working tree the run started in, and "+ local changes" when keybot's code there differs
     * from it (changes to the benchmark itself do not count).
     */
    private static String commit() {
        Optional<String> head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        boolean dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench")
                .map(s -> !s.isBlank())
                .orElse(false);
        return head.get() + (dirty ? " + local changes" : "");
    }

    private static Optional<String> git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
