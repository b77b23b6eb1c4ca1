package keybot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import keybot.bench.PendingRequests.Pending;

/**
 * The load runs that count: each after its warm-up, with keybot's follow-up work let finish after both, its CPU
 * measured, printed as it ends and kept for the report.
 */
final class MeasuredRuns {

    private final Options.Size size;
    private final SlackWatch watch;
    private final CpuMeter cpu;
    private final SlackCalls calls;
    private final FollowUpWork followUp;
    private final Progress progress;
    private final List<Report.Run> runs = new ArrayList<>();

    MeasuredRuns(
            Options.Size size,
            SlackWatch watch,
            CpuMeter cpu,
            SlackCalls calls,
            FollowUpWork followUp,
            Progress progress) {
        this.size = size;
        this.watch = watch;
        this.cpu = cpu;
        this.calls = calls;
        this.followUp = followUp;
        this.progress = progress;
    }

    /** Every run so far, in the order they ran. */
    List<Report.Run> all() {
        return runs;
    }

    /** Warm-up, then the measured run; keybot's follow-up work (posts, DMs, App Home) is let finish after each. */
    Report.Run ackRun(String scenario, App app, int c, Load.Call call) throws Exception {
        Load.run(c, size.warmupCount(), size.warmupTime(), call);
        followUp.settle();
        CpuMeter.Sample before = cpu.sample();
        Load.Outcome r = Load.run(c, size.measureCount(), size.measureTime(), call);
        followUp.settle();
        return record(scenario, app, r, null, "", CpuMeter.between(before, cpu.sample()));
    }

    /**
     * Scenario 2 on keybot: the acks as above, and each submission timed until its approval post reaches the
     * channel. Sustained = posts per second from the first submission to the last post: what keybot keeps up with,
     * not what it acknowledges.
     */
    void submissionRun(App keybot, int c) throws Exception {
        Load.run(c, size.warmupCount(), size.warmupTime(), calls.submitCall(keybot, false));
        followUp.settle();
        watch.clearPostLatencies();
        CpuMeter.Sample before = cpu.sample();
        long t0 = System.nanoTime();
        Load.Outcome r = Load.run(c, size.measureCount(), size.measureTime(), calls.submitCall(keybot, true));
        followUp.settle();
        CpuMeter.Spent spent = CpuMeter.between(before, cpu.sample());
        var posts = Latencies.of(watch.drainPostLatencies());
        double span = (watch.lastPostAt() - t0) / 1e9;
        String note = watch.postsAwaited() == 0
                ? "all " + posts.count() + " posted"
                : watch.postsAwaited() + " submissions never posted";
        record(Scenarios.S2, keybot, r, null, "", spent);
        Report.Run completion = new Report.Run(
                Scenarios.S2_POST,
                keybot.name(),
                c,
                posts.count(),
                watch.postsAwaited(),
                span,
                span <= 0 ? 0 : posts.count() / span,
                null,
                posts.stats(),
                note,
                null);
        runs.add(completion);
        progress.printf(
                "   keybot posts: %d in %.1f s = %.0f/s sustained, p50 %s ms, p99 %s ms%n",
                posts.count(),
                span,
                completion.throughput(),
                Report.f(posts.stats().p50()),
                Report.f(posts.stats().p99()));
    }

    /** Scenario 3 to the DM: each worker clicks, waits for the ack, then for the DM, then clicks the next. */
    void completionRun(App keybot, int c, ConcurrentLinkedQueue<Pending> pending) throws Exception {
        Load.Call call = calls.approveUntilDmCall(keybot, pending);
        Load.run(c, size.warmupCount() / 4, size.warmupTime(), call);
        followUp.settle();
        CpuMeter.Sample before = cpu.sample();
        Load.Outcome r = Load.run(c, size.completionCount(), size.completionTime(), call);
        followUp.settle();
        record(
                Scenarios.S3_DM,
                keybot,
                r,
                r.done(),
                "closed loop: each worker clicks again once its DM arrived",
                CpuMeter.between(before, cpu.sample()));
    }

    private Report.Run record(
            String scenario, App app, Load.Outcome r, Latencies done, String note, CpuMeter.Spent spent) {
        Report.Run run = new Report.Run(
                scenario,
                app.name(),
                r.concurrency(),
                r.ok(),
                r.errors(),
                r.seconds(),
                r.throughput(),
                r.ack().stats(),
                done == null ? null : done.stats(),
                note,
                spent);
        runs.add(run);
        long n = Math.max(1, r.ok());
        progress.printf(
                "   %-6s c=%-2d %6.0f req/s  ack p50 %5s  p99 %6s  max %6s ms%s  CPU/req: app %.2f,"
                        + " PostgreSQL %.2f, bench %.2f ms; machine %.0f%% busy%s%n",
                app.name(),
                r.concurrency(),
                r.throughput(),
                Report.f(run.ack().p50()),
                Report.f(run.ack().p99()),
                Report.f(run.ack().max()),
                done == null
                        ? ""
                        : "   DM p50 " + Report.f(run.done().p50()) + "  p99 "
                                + Report.f(run.done().p99()) + " ms",
                1000 * spent.appSeconds() / n,
                1000 * spent.postgresSeconds() / n,
                1000 * spent.benchSeconds() / n,
                spent.machineBusyPercent(),
                r.errors() == 0 ? "" : "   ERRORS: " + r.errors());
        return run;
    }
}
