package keybot.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's results: a record tree written as JSON, and the same as Markdown tables. */
final class Report {

    /** One measured load run: one scenario, one app, one concurrency. */
    record Run(
            String scenario,
            String app,
            int concurrency,
            long ok,
            long errors,
            double seconds,
            double throughput,
            Latencies.Stats ack,
            Latencies.Stats done,
            String note,
            CpuMeter.Spent cpu) {}

    record Start(
            double embeddedPostgresSeconds,
            double migrationsSeconds,
            double keybotStartInProcessSeconds,
            double bareStartInProcessSeconds,
            List<Double> keybotProcessStartSeconds) {}

    record Data(int requests, long auditEvents, double loadSeconds, double vacuumAnalyzeSeconds) {}

    record Verify(
            long lines,
            double seconds,
            boolean ok,
            long heapUsedBeforeMb,
            long heapPeakSampledMb,
            Child.Verified smallHeap) {
        Verify withSmallHeap(Child.Verified verified) {
            return new Verify(lines, seconds, ok && verified.ok(), heapUsedBeforeMb, heapPeakSampledMb, verified);
        }
    }

    record Target(String target, String goal, String measured, boolean met) {}

    /**
     * How busy the machine was: load averages (1, 5, 15 min) at start and end, and the share of all CPU time that
     * was busy during the run. Anything else running at the same time shows here, and in every number above.
     */
    record MachineLoad(String loadAverageAtStart, String loadAverageAtEnd, double cpuBusyPercent) {}

    record Result(
            String preset,
            String startedAt,
            double wallSeconds,
            Machine.Info machine,
            MachineLoad machineLoad,
            Data data,
            Start start,
            List<Run> runs,
            List<HistoryBench.Row> historyQueries,
            List<Run> historyHttp,
            Verify verify,
            List<Machine.Memory> memory,
            Map<String, Long> slackCalls,
            List<Target> targets) {
        Result withTargets(List<Target> evaluated) {
            return new Result(
                    preset,
                    startedAt,
                    wallSeconds,
                    machine,
                    machineLoad,
                    data,
                    start,
                    runs,
                    historyQueries,
                    historyHttp,
                    verify,
                    memory,
                    slackCalls,
                    evaluated);
        }
    }

    private Report() {}

    static void write(Result r, Path dir, String markdown) throws IOException {
        Files.createDirectories(dir);
        String json = new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(r);
        Files.writeString(dir.resolve("latest.json"), json);
        Files.writeString(dir.resolve("latest.md"), markdown);
        String stamp = r.startedAt().substring(0, 16).replace(":", "").replace("-", "");
        Files.writeString(dir.resolve(r.preset() + "-" + stamp + ".json"), json);
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        Machine.Info m = r.machine();
        MachineLoad load = r.machineLoad();
        md.append(String.format(
                Locale.ROOT,
                "Run `%s` of %s, %.0f s. Machine: %d CPUs (%s), %,d MB RAM, Java %s (%s),"
                        + " default max heap %s, %s. Code: %s. Load average %s at the start, %s at the end; CPU %.0f%%"
                        + " busy during the run.%n%n",
                r.preset(),
                r.startedAt(),
                r.wallSeconds(),
                m.cpus(),
                m.cpuModel(),
                m.memoryMb(),
                m.java(),
                m.vm(),
                m.maxHeap(),
                m.os(),
                m.commit(),
                load.loadAverageAtStart(),
                load.loadAverageAtEnd(),
                load.cpuBusyPercent()));

        md.append("**Scenarios 1–3, time to the ack** (ms; the same closed-loop load on both apps; "
                + "keybot/bare is the ratio of the p99s)\n\n");
        md.append("| Scenario | Conc. | keybot req/s | p50 | p95 | p99 | max | bare req/s | p50 | p95 | p99 | max "
                + "| p99 keybot/bare |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Run k : r.runs()) {
            if (!k.app().equals("keybot") || k.ack() == null) {
                continue;
            }
            Run b = r.runs().stream()
                    .filter(x -> x.app().equals("bare")
                            && x.scenario().equals(k.scenario())
                            && x.concurrency() == k.concurrency())
                    .findFirst()
                    .orElse(null);
            if (b == null) {
                continue;
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.0f | %s | %.0f | %s | %.2f |%n",
                    k.scenario(),
                    k.concurrency(),
                    k.throughput(),
                    percentiles(k.ack()),
                    b.throughput(),
                    percentiles(b.ack()),
                    ratio(k.ack().p99(), b.ack().p99())));
        }
        md.append("\n**Completion** (ms): scenario 2 from submission to the approval post in the channel (keybot "
                + "works it after the ack); scenario 3 from the click to the DM carrying the key\n\n");
        md.append("| Completion | Conc. | done/s | p50 | p95 | p99 | max | note |\n"
                + "|---|--:|--:|--:|--:|--:|--:|---|\n");
        for (Run k : r.runs()) {
            if (k.done() != null && k.done().count() > 0) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.0f | %s | %s |%n",
                        k.scenario(),
                        k.concurrency(),
                        k.throughput(),
                        percentiles(k.done()),
                        k.note()));
            }
        }
        md.append("\n**CPU per request** (ms; the measured run and the follow-up work it caused. *app*: this JVM"
                + " without the load generator's and the stand-ins' threads, so the app under test with its GC and JIT;"
                + " *bench*: those threads)\n\n| Scenario | App | Conc. | app | PostgreSQL | bench | machine busy |\n"
                + "|---|---|--:|--:|--:|--:|--:|\n");
        for (Run k : r.runs()) {
            if (k.cpu() != null && k.ok() > 0) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %.2f | %.2f | %.2f | %.0f%% |%n",
                        k.scenario(),
                        k.app(),
                        k.concurrency(),
                        1000 * k.cpu().appSeconds() / k.ok(),
                        1000 * k.cpu().postgresSeconds() / k.ok(),
                        1000 * k.cpu().benchSeconds() / k.ok(),
                        k.cpu().machineBusyPercent()));
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%n**Scenario 4, history and App Home** with %,d requests and %,d audit "
                        + "events loaded (ms; through the domain and the real PostgreSQL store, one at a time)%n%n",
                r.data().requests(),
                r.data().auditEvents()));
        md.append("| Query | found | p50 | p95 | p99 | max |\n|---|--:|--:|--:|--:|--:|\n");
        for (HistoryBench.Row q : r.historyQueries()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", q.query(), q.found(), percentiles(q.stats())));
        }
        for (Run h : r.historyHttp()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s, over HTTP at concurrency %d (%.0f req/s) | | %s |%n",
                    h.scenario(),
                    h.concurrency(),
                    h.throughput(),
                    percentiles(h.ack())));
        }
        Verify v = r.verify();
        if (v != null) {
            md.append(String.format(
                    Locale.ROOT,
                    "%n`audit verify` in process: %,d lines in %.1f s (%s), heap %d MB"
                            + " before and at most %d MB while verifying",
                    v.lines(),
                    v.seconds(),
                    v.ok() ? "chain intact" : "CHAIN BROKEN",
                    v.heapUsedBeforeMb(),
                    v.heapPeakSampledMb()));
            if (v.smallHeap() != null) {
                md.append(String.format(
                        Locale.ROOT,
                        "; in its own JVM with `-Xmx%dm`: %s, %.1f s including JVM start",
                        v.smallHeap().heapMb(),
                        v.smallHeap().output(),
                        v.smallHeap().processSeconds()));
            }
            md.append(".\n");
        }
        md.append("\n**Start and memory**\n\n| What | Value |\n|---|---|\n");
        Start s = r.start();
        md.append(String.format(
                Locale.ROOT,
                "| Embedded PostgreSQL start (initdb, start, pool) | %.2f s |%n",
                s.embeddedPostgresSeconds()));
        md.append(String.format(Locale.ROOT, "| Migrations on an empty database | %.2f s |%n", s.migrationsSeconds()));
        md.append(String.format(
                Locale.ROOT,
                "| Loading %,d requests + %,d events (COPY, chained) / VACUUM ANALYZE | %.1f s / %.1f s |%n",
                r.data().requests(),
                r.data().auditEvents(),
                r.data().loadSeconds(),
                r.data().vacuumAnalyzeSeconds()));
        md.append(String.format(
                Locale.ROOT,
                "| `Keybot.start` in this JVM, database running | %.2f s |%n",
                s.keybotStartInProcessSeconds()));
        md.append(String.format(
                Locale.ROOT, "| Bare Bolt app start in this JVM | %.2f s |%n", s.bareStartInProcessSeconds()));
        if (!s.keybotProcessStartSeconds().isEmpty()) {
            md.append("| keybot process start, external database: JVM launch to `/healthz` 200 | "
                    + s.keybotProcessStartSeconds().stream()
                            .map(x -> String.format(Locale.ROOT, "%.2f s", x))
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("")
                    + " |\n");
        }
        for (Machine.Memory mem : r.memory()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| Memory, %s | %sRSS %d MB, peak RSS %d MB |%n",
                    mem.when(),
                    mem.heapUsedMb() < 0
                            ? ""
                            : "heap used " + mem.heapUsedMb() + " MB of " + mem.heapCommittedMb() + " MB committed, ",
                    mem.rssMb(),
                    mem.peakRssMb()));
        }
        md.append("\n**Targets**\n\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n");
        for (Target t : r.targets()) {
            md.append("| ")
                    .append(t.target())
                    .append(" | ")
                    .append(t.goal())
                    .append(" | ")
                    .append(t.measured())
                    .append(" | ")
                    .append(t.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return md.toString();
    }

    /** The p50, p95, p99 and max of some latencies, as four cells of a table row. */
    private static String percentiles(Latencies.Stats s) {
        return f(s.p50()) + " | " + f(s.p95()) + " | " + f(s.p99()) + " | " + f(s.max());
    }

    static String f(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : ms >= 10 ? "%.1f" : "%.2f", ms);
    }

    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}
