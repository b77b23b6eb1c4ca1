package keybot.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import keybot.approvals.ChainCheck;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.Transition;
import keybot.bench.Fixture.ProjectSpec;
import keybot.bot.Config;
import keybot.bot.Keybot;
import keybot.bot.PolicyFile;
import keybot.bot.demo.SlackPayloads;
import keybot.bot.slack.Ids;
import keybot.db.Database;
import keybot.db.DatabaseUrl;
import keybot.db.PostgresAuditLog;
import keybot.db.PostgresRequestStore;
import keybot.supabase.SupabaseKeyIssuer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar bench/target/keybot-bench.jar [--quick|--smoke]}: keybot and a bare Bolt app side by side in
 * one JVM, driven with the same signed load, plus the history queries at a million audit events, start time and
 * memory. Prints Markdown tables and writes them, with the JSON, under {@code bench/results/}.
 */
public final class Bench {

    private static final String CHILD_TOKEN = "xoxb-bench-child-token-0000";
    /** The JVM options the README runs keybot with. */
    static final List<String> RECOMMENDED_JVM = List.of("-Xmx128m");
    private static final String S1 = "1 slash command → modal";
    private static final String S2 = "2 submission → stored";
    private static final String S2_POST = "2 submission → channel post";
    private static final String S3 = "3 approve click → ack";
    private static final String S3_DM = "3 approve → key DM'd";

    private final Options o;
    private final Options.Size size;
    private final PrintStream out;
    private final Load load = new Load(Fixture.SIGNING_SECRET);
    private final AtomicLong names = new AtomicLong();
    private final AtomicLong dmsOwed = new AtomicLong();
    private final List<Report.Run> runs = new ArrayList<>();
    private final AtomicLong processRuns = new AtomicLong();
    private final long began = System.nanoTime();
    private StandInSlack slack;
    private CpuMeter cpu;

    private record App(String name, URI events) {
    }

    /** A pending request and an approver who may approve it. */
    private record Pending(long id, String approver) {
    }

    private Bench(Options o, PrintStream out) {
        this.o = o;
        this.size = o.size();
        this.out = out;
    }

    public static void main(String[] args) {
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
                System.out.print(Options.USAGE);
                System.exit(0);
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("keybot-bench: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            run(options, System.out);
            code = 0;
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the benchmark, prints the tables and writes the results. Targets missed are reported, not failed. */
    static Report.Result run(Options o, PrintStream out) throws Exception {
        return new Bench(o, out).run();
    }

    private Report.Result run() throws Exception {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long wall = System.nanoTime();
        Machine.Info machine = Machine.info();
        Machine.Cpu cpuBefore = Machine.cpu();
        out.printf(Locale.ROOT, "keybot benchmark, %s run: %d CPUs, Java %s, max heap %s, code %s, load average %s%n",
                size.name(), machine.cpus(), machine.java(), machine.maxHeap(), machine.commit(),
                cpuBefore.loadAverage());
        Path work = Files.createTempDirectory("keybot-bench");
        try {
            step("starting the embedded PostgreSQL");
            long t = System.nanoTime();
            Database db = Database.embedded(work.resolve("postgres"));
            double pgStart = seconds(t);
            t = System.nanoTime();
            db.migrate();
            double migrations = seconds(t);
            cpu = new CpuMeter(work.resolve("postgres"));
            try (db; StandInSupabase supabase = new StandInSupabase();
                 StandInSlack slackStandIn = new StandInSlack(supabase::takeRequestOf)) {
                slack = slackStandIn;
                step(String.format(Locale.ROOT, "loading %,d requests and %,d audit events", size.requests(),
                        size.events()));
                BigData.Loaded data = BigData.load(db.jdbi(), size.requests(), size.events(), Instant.now());
                out.printf(Locale.ROOT, "   loaded in %.1f s, VACUUM ANALYZE %.1f s%n", data.loadSeconds(),
                        data.analyzeSeconds());

                PolicyFile policy = PolicyFile.parse(Fixture.policyYaml(), "benchmark policy");
                Config config = new Config(Fixture.BOT_TOKEN, Fixture.SIGNING_SECRET, Fixture.SUPABASE_TOKEN,
                        slack.apiUrl(), supabase.url(), Optional.empty(), work, 0, policy);
                step("starting keybot and the bare Bolt app");
                t = System.nanoTime();
                Keybot keybot = Keybot.start(config, db, new SupabaseKeyIssuer(supabase.url(), Fixture.SUPABASE_TOKEN,
                        Duration.ofSeconds(10)), Clock.systemUTC());
                double keybotStart = seconds(t);
                t = System.nanoTime();
                BareBolt bare = BareBolt.start(slack.apiUrl(), Fixture.BOT_TOKEN, Fixture.SIGNING_SECRET,
                        Fixture.COMMAND);
                double bareStart = seconds(t);

                List<Machine.Memory> memory = new ArrayList<>();
                List<HistoryBench.Row> history = List.of();
                List<Report.Run> historyHttp = new ArrayList<>();
                Report.Verify verify = null;
                List<Double> processStarts = new ArrayList<>();
                try (keybot; bare) {
                    App k = new App("keybot", URI.create("http://127.0.0.1:" + keybot.port() + "/slack/events"));
                    App b = new App("bare", bare.events());
                    memory.add(Machine.self("this JVM after start"));
                    openAppHomes(k);
                    if (o.runs("4")) {
                        history = history(db.jdbi(), policy, data);
                        for (int c : List.of(1, Math.min(16, size.concurrency().get(size.concurrency().size() - 1)))) {
                            historyHttp.add(ackRun("/request-key history (approver)", k, c, historyCall(k)));
                        }
                    }
                    if (o.runs("verify")) {
                        verify = verifyInProcess(db.jdbi());
                    }
                    scenarios(k, b, db.jdbi(), policy);
                    memory.add(Machine.self("this JVM after the scenarios (keybot, bare app, stand-ins, load)"));
                    if (o.child() && o.runs("process")) {
                        Child.Verified small = processPhases(db.jdbi(), supabase.url(), work, memory, processStarts);
                        verify = verify == null ? new Report.Verify(0, 0, small.ok(), 0, 0, small)
                                : verify.withSmallHeap(small);
                    }
                    if (o.runs("4")) {
                        history = new ArrayList<>(history);
                        history.add(backlog(db.jdbi(), policy));
                    }
                }
                Machine.Cpu cpuAfter = Machine.cpu();
                var start = new Report.Start(pgStart, migrations, keybotStart, bareStart, processStarts);
                var dataRow = new Report.Data(data.requests(), data.events(), data.loadSeconds(),
                        data.analyzeSeconds());
                var machineLoad = new Report.MachineLoad(cpuBefore.loadAverage(), cpuAfter.loadAverage(),
                        cpuAfter.busyPercentSince(cpuBefore));
                Report.Result measured = new Report.Result(size.name(), startedAt.toString(), seconds(wall), machine,
                        machineLoad, dataRow, start, runs, history, historyHttp, verify, memory, slack.callsByMethod(),
                        List.of());
                Report.Result result = measured.withTargets(Targets.evaluate(measured, size));
                String md = Report.markdown(result);
                out.println();
                out.println(md);
                Report.write(result, o.out(), md);
                out.println("Results written to " + o.out().toAbsolutePath().normalize());
                return result;
            }
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                out.println("Kept the work directory (logs, database): " + work);
            } else {
                delete(work);
            }
        }
    }

    /**
     * The approvers open keybot's App Home, as approvers do, so keybot keeps it current while the scenarios change
     * requests; the requesters never open it.
     */
    private void openAppHomes(App keybot) throws Exception {
        for (String approver : Fixture.PROJECTS.stream().flatMap(p -> p.approvers().stream()).distinct().toList()) {
            String event = """
                    {"type":"event_callback","team_id":"T0BENCH","api_app_id":"A0BENCH","event_id":"Ev%s",\
                    "event_time":%d,"event":{"type":"app_home_opened","user":"%s","channel":"D%s","tab":"home"}}"""
                    .formatted(approver, Instant.now().getEpochSecond(), approver, approver);
            HttpResponse<String> ack = load.postEvent(keybot.events(), event);
            if (ack.statusCode() != 200) {
                throw new IllegalStateException("keybot answered app_home_opened with " + ack.statusCode());
            }
        }
    }

    private List<HistoryBench.Row> history(Jdbi jdbi, PolicyFile policy, BigData.Loaded data) {
        step("scenario 4: history and App Home queries");
        List<HistoryBench.Row> rows = HistoryBench.run(jdbi, policy.policy(), data, size.queryWarmup(),
                size.queryIterations());
        rows.forEach(r -> out.printf(Locale.ROOT, "   %-62s p50 %6s  p99 %6s  max %6s ms%n", r.query(),
                Report.f(r.stats().p50()), Report.f(r.stats().p99()), Report.f(r.stats().max())));
        return rows;
    }

    /**
     * Scenarios 1–3 at each concurrency: the bare app first, then keybot, each after its own warm-up. Before them,
     * one warm-up of every scenario on both apps, so the JIT has compiled what they run before anything counts.
     */
    private void scenarios(App keybot, App bare, Jdbi jdbi, PolicyFile policy) throws Exception {
        if (!o.runs("1") && !o.runs("2") && !o.runs("3")) {
            return;
        }
        Duration warm = size.warmupTime().multipliedBy(2);
        int warmCount = size.warmupCount() * 3;
        step("warming up: every scenario on both apps, " + warmCount + " requests each");
        for (App app : List.of(bare, keybot)) {
            Load.run(4, warmCount, warm, commandCall(app));
            Load.run(4, warmCount, warm, submitCall(app, false));
        }
        settle();
        ConcurrentLinkedQueue<Pending> warmPending = pending(jdbi, policy, 0);
        Load.run(4, warmPending.size(), warm, approveCall(keybot, warmPending));
        Load.run(4, warmCount, warm, approveCall(bare, null));
        settle();
        withdrawPending(jdbi);
        for (int c : o.runs("1") ? size.concurrency() : List.<Integer>of()) {
            step("scenario 1: slash command, form opened; concurrency " + c);
            ackRun(S1, bare, c, commandCall(bare));
            ackRun(S1, keybot, c, commandCall(keybot));
        }
        for (int c : o.runs("2") ? size.concurrency() : List.<Integer>of()) {
            step("scenario 2: form submitted, request stored and posted; concurrency " + c);
            ackRun(S2, bare, c, submitCall(bare, false));
            submissionRun(keybot, c);
            withdrawPending(jdbi);
        }
        for (int c : o.runs("3") ? size.concurrency() : List.<Integer>of()) {
            step("scenario 3: Approve clicked, until the ack; concurrency " + c);
            ackRun(S3, bare, c, approveCall(bare, null));
            ackRun(S3, keybot, c, approveCall(keybot, pending(jdbi, policy, size.warmupCount()
                    + size.measureCount())));
            withdrawPending(jdbi);
        }
        for (int c : o.runs("3") ? size.concurrency() : List.<Integer>of()) {
            step("scenario 3: Approve clicked, until the key arrives by DM; concurrency " + c);
            completionRun(keybot, c, pending(jdbi, policy, size.warmupCount() / 4 + size.completionCount()));
            withdrawPending(jdbi);
        }
    }

    /** Warm-up, then the measured run; keybot's follow-up work (posts, DMs, App Home) is let finish after each. */
    private Report.Run ackRun(String scenario, App app, int c, Load.Call call) throws Exception {
        Load.run(c, size.warmupCount(), size.warmupTime(), call);
        settle();
        CpuMeter.Sample before = cpu.sample();
        Load.Outcome r = Load.run(c, size.measureCount(), size.measureTime(), call);
        settle();
        return record(scenario, app, r, null, "", CpuMeter.between(before, cpu.sample()));
    }

    /**
     * Scenario 2 on keybot: the acks as above, and each submission timed until its approval post reaches the
     * channel. Sustained = posts per second from the first submission to the last post: what keybot keeps up with,
     * not what it acknowledges.
     */
    private void submissionRun(App keybot, int c) throws Exception {
        Load.run(c, size.warmupCount(), size.warmupTime(), submitCall(keybot, false));
        settle();
        slack.clearPostLatencies();
        CpuMeter.Sample before = cpu.sample();
        long t0 = System.nanoTime();
        Load.Outcome r = Load.run(c, size.measureCount(), size.measureTime(), submitCall(keybot, true));
        settle();
        CpuMeter.Spent spent = CpuMeter.between(before, cpu.sample());
        var posts = Latencies.of(slack.drainPostLatencies());
        double span = (slack.lastPostAt() - t0) / 1e9;
        String note = slack.postsAwaited() == 0 ? "all " + posts.count() + " posted"
                : slack.postsAwaited() + " submissions never posted";
        record(S2, keybot, r, null, "", spent);
        Report.Run completion = new Report.Run(S2_POST, keybot.name(), c, posts.count(), slack.postsAwaited(),
                span, span <= 0 ? 0 : posts.count() / span, null, posts.stats(), note, null);
        runs.add(completion);
        out.printf(Locale.ROOT, "   keybot posts: %d in %.1f s = %.0f/s sustained, p50 %s ms, p99 %s ms%n",
                posts.count(), span, completion.throughput(), Report.f(posts.stats().p50()),
                Report.f(posts.stats().p99()));
    }

    /** Scenario 3 to the DM: each worker clicks, waits for the ack, then for the DM, then clicks the next. */
    private void completionRun(App keybot, int c, ConcurrentLinkedQueue<Pending> pending) throws Exception {
        Load.Call call = (n, rec) -> {
            Pending p = pending.poll();
            if (p == null) {
                throw new IllegalStateException("no pending request left to approve");
            }
            CompletableFuture<Long> dm = slack.awaitKeyDm(p.id());
            String body = SlackPayloads.buttonClick(p.approver(), Ids.APPROVE, String.valueOf(p.id()),
                    slack.responseUrl());
            long t0 = System.nanoTime();
            HttpResponse<String> resp = load.post(keybot.events(), body);
            long ack = System.nanoTime() - t0;
            if (resp.statusCode() != 200) {
                return false;
            }
            dmsOwed.incrementAndGet();
            long at = dm.get(60, TimeUnit.SECONDS);
            rec.ack.add(ack);
            rec.done.add(at - t0);
            return true;
        };
        Load.run(c, size.warmupCount() / 4, size.warmupTime(), call);
        settle();
        CpuMeter.Sample before = cpu.sample();
        Load.Outcome r = Load.run(c, size.completionCount(), size.completionTime(), call);
        settle();
        record(S3_DM, keybot, r, r.done(), "closed loop: each worker clicks again once its DM arrived",
                CpuMeter.between(before, cpu.sample()));
    }

    private Report.Run record(String scenario, App app, Load.Outcome r, Latencies done, String note,
                              CpuMeter.Spent spent) {
        Report.Run run = new Report.Run(scenario, app.name(), r.concurrency(), r.ok(), r.errors(), r.seconds(),
                r.throughput(), r.ack().stats(), done == null ? null : done.stats(), note, spent);
        runs.add(run);
        long n = Math.max(1, r.ok());
        out.printf(Locale.ROOT, "   %-6s c=%-2d %6.0f req/s  ack p50 %5s  p99 %6s  max %6s ms%s  CPU/req: app %.2f,"
                        + " PostgreSQL %.2f, bench %.2f ms; machine %.0f%% busy%s%n", app.name(), r.concurrency(),
                r.throughput(), Report.f(run.ack().p50()), Report.f(run.ack().p99()), Report.f(run.ack().max()),
                done == null ? "" : "   DM p50 " + Report.f(run.done().p50()) + "  p99 " + Report.f(run.done().p99())
                        + " ms", 1000 * spent.appSeconds() / n, 1000 * spent.postgresSeconds() / n,
                1000 * spent.benchSeconds() / n, spent.machineBusyPercent(),
                r.errors() == 0 ? "" : "   ERRORS: " + r.errors());
        return run;
    }

    private Load.Call commandCall(App app) {
        return (n, rec) -> acked(app, SlackPayloads.command(Fixture.COMMAND, Fixture.requester(n), "",
                slack.responseUrl()), rec, true);
    }

    /** The request form submitted; every key name is new, so its approval post can be told apart. */
    private Load.Call submitCall(App app, boolean timePost) {
        return (n, rec) -> {
            long k = names.incrementAndGet();
            String keyName = "bench_k" + Long.toString(k, 36);
            ProjectSpec project = Fixture.PROJECTS.get((int) (k % 4));
            String body = SlackPayloads.requestSubmission(Fixture.requester(k), project.ref(), keyName,
                    "Benchmark worker " + k + " writes invoices", null);
            if (timePost) {
                slack.expectPost(keyName, System.nanoTime());
            }
            return acked(app, body, rec, true);
        };
    }

    /** Approve on a pending request (keybot), or on any id (the bare app keeps no requests). */
    private Load.Call approveCall(App app, ConcurrentLinkedQueue<Pending> pending) {
        return (n, rec) -> {
            Pending p = pending == null ? new Pending(n + 1, Fixture.APPROVER) : pending.poll();
            if (p == null) {
                throw new IllegalStateException("no pending request left to approve");
            }
            boolean ok = acked(app, SlackPayloads.buttonClick(p.approver(), Ids.APPROVE, String.valueOf(p.id()),
                    slack.responseUrl()), rec, false);
            if (ok && pending != null) {
                dmsOwed.incrementAndGet();
            }
            return ok;
        };
    }

    private Load.Call historyCall(App app) {
        return (n, rec) -> {
            String body = SlackPayloads.command(Fixture.COMMAND, Fixture.APPROVER, "history", slack.responseUrl());
            long t0 = System.nanoTime();
            HttpResponse<String> resp = load.post(app.events(), body);
            long ack = System.nanoTime() - t0;
            boolean ok = resp.statusCode() == 200 && resp.body().contains("\"blocks\"");
            if (ok) {
                rec.ack.add(ack);
            }
            return ok;
        };
    }

    /** Posts, times the ack; a 200 (with an empty body when {@code empty}: nothing went wrong) counts. */
    private boolean acked(App app, String body, Load.Recorder rec, boolean empty) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> resp = load.post(app.events(), body);
        long ack = System.nanoTime() - t0;
        boolean ok = resp.statusCode() == 200 && (!empty || resp.body().isEmpty());
        if (ok) {
            rec.ack.add(ack);
        }
        return ok;
    }

    /**
     * Requests for scenario 3 to approve: the benchmark's own pending ones, topped up to {@code needed} through the
     * real store (stored with their REQUESTED line, and their approval message noted as posted), which is quicker
     * than submitting them through Slack and leaves keybot no follow-up work to finish first.
     */
    private ConcurrentLinkedQueue<Pending> pending(Jdbi jdbi, PolicyFile policy, long needed) throws Exception {
        ConcurrentLinkedQueue<Pending> pending = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, project_ref FROM key_request
                         WHERE state = 'PENDING' AND requester LIKE 'U0B%'
                         ORDER BY id""")
                .map((rs, ctx) -> new Pending(rs.getLong("id"), approverOf(rs.getString("project_ref"))))
                .collect(Collectors.toCollection(ConcurrentLinkedQueue::new)));
        long missing = needed - pending.size();
        if (missing > 0) {
            pending.addAll(storePending(jdbi, policy, missing));
        }
        return pending;
    }

    /** New pending requests stored through the real store, with their approval message noted as posted. */
    private List<Pending> storePending(Jdbi jdbi, PolicyFile policy, long count) throws InterruptedException {
        var store = new PostgresRequestStore(jdbi);
        List<Project> projects = policy.policy().projects();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Pending> made = java.util.Collections.synchronizedList(new ArrayList<>());
        for (long i = 0; i < count; i++) {
            long k = names.incrementAndGet();
            pool.execute(() -> {
                Project project = projects.get((int) (k % 4));
                KeyRequest r = store.create(new Draft(Fixture.requester(k), project.ref(), "bench_k"
                        + Long.toString(k, 36), "Benchmark worker " + k + " writes invoices", null), project,
                        Instant.now());
                String ts = (1_700_000_000L + k) + ".000100";
                store.attachMessage(r.id(), new KeyRequest.MessageRef(Fixture.CHANNEL, ts,
                        "https://bench.slack.com/archives/" + Fixture.CHANNEL + "/p" + ts.replace(".", "")));
                made.add(new Pending(r.id(), approverOf(project.ref())));
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("storing pending requests took over 5 minutes");
        }
        made.sort(Comparator.comparingLong(Pending::id));
        return made;
    }

    /**
     * App Home's "waiting for you" when approvers fall behind: a backlog of pending requests (6% of all, once the
     * statistics know of them), the query timed as in scenario 4. Last in the run, since it leaves them pending.
     */
    private HistoryBench.Row backlog(Jdbi jdbi, PolicyFile policy) throws InterruptedException {
        int count = size.requests() * 6 / 100;
        step("scenario 4 with a backlog: " + count + " requests pending");
        storePending(jdbi, policy, count);
        jdbi.useHandle(h -> h.execute("ANALYZE key_request"));
        HistoryBench.Row row = HistoryBench.waitingFor(jdbi, policy.policy(), count, size.queryWarmup(),
                size.queryIterations());
        out.printf(Locale.ROOT, "   %-62s p50 %6s  p99 %6s  max %6s ms%n", row.query(), Report.f(row.stats().p50()),
                Report.f(row.stats().p99()), Report.f(row.stats().max()));
        return row;
    }

    /**
     * The benchmark's requests still pending after a run are withdrawn by their requesters (PENDING → CANCELLED
     * through the real store, each with its audit line), as people decide requests in real life. Otherwise they
     * pile up run after run, into thousands, which is a different benchmark: scenario 4 measures that backlog on
     * its own.
     */
    private void withdrawPending(Jdbi jdbi) throws InterruptedException {
        List<long[]> ids = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM key_request WHERE state = 'PENDING' AND requester LIKE 'U0B%'""")
                .map((rs, ctx) -> new long[] {rs.getLong(1)}).list());
        var store = new PostgresRequestStore(jdbi);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (long[] id : ids) {
            pool.execute(() -> store.find(id[0]).ifPresent(r ->
                    store.move(r.id(), Transition.cancel(r.requester(), Instant.now()))));
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("withdrawing pending requests took over 5 minutes");
        }
    }

    private static String approverOf(String projectRef) {
        return Fixture.PROJECTS.stream().filter(p -> p.ref().equals(projectRef)).findFirst().orElseThrow()
                .approvers().get(0);
    }

    /**
     * Waits until keybot has finished what the last run started: every owed DM sent, and Slack quiet for a while
     * (approval posts, requester DMs and App Home refreshes follow the acks). The next run then starts
     * from rest, whichever app it measures.
     */
    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long calls = slack.calls();
            if (calls != last) {
                last = calls;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > size.quiet().toNanos()
                    && slack.keyDms() >= dmsOwed.get()) {
                return;
            }
            Thread.sleep(50);
        }
        out.println("   (keybot was still busy after 3 minutes: " + slack.keyDms() + " of " + dmsOwed.get()
                + " DMs sent)");
    }

    /** {@code audit verify} over everything loaded, in this JVM: its time, and the heap it takes on the way. */
    private Report.Verify verifyInProcess(Jdbi jdbi) throws InterruptedException {
        step("audit verify over the whole chain");
        var heap = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = heap.getHeapMemoryUsage().getUsed() >> 20;
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(heap.getHeapMemoryUsage().getUsed() >> 20, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        ChainCheck check = new PostgresAuditLog(jdbi).verify();
        double secs = seconds(t0);
        running.set(false);
        sampler.join();
        out.printf(Locale.ROOT, "   %,d lines in %.1f s (%s); heap %d MB before, %d MB at most while verifying%n",
                check.count(), secs, check.firstBreak().map(Object::toString).orElse("intact"), before, peak.get());
        return new Report.Verify(check.count(), secs, check.firstBreak().isEmpty(), before, peak.get(), null);
    }

    /**
     * keybot as its own process: with the JVM options asked for (none by default), then, by default, once more
     * with a heap cap; then {@code audit verify} in a JVM with a 64 MB heap.
     */
    private Child.Verified processPhases(Jdbi jdbi, URI supabase, Path work, List<Machine.Memory> memory,
                                         List<Double> starts) throws Exception {
        String port = jdbi.withHandle(h -> h.createQuery("SELECT current_setting('port')").mapTo(String.class).one());
        memory.add(processPhase(jdbi, port, supabase, work, o.keybotJvm(), size.startRuns(), starts));
        if (o.keybotJvm().isEmpty()) {
            // the one JVM option an operator would add for memory
            memory.add(processPhase(jdbi, port, supabase, work, RECOMMENDED_JVM, 1, new ArrayList<>()));
        }
        step("audit verify in its own JVM with a 64 MB heap");
        Child.Verified small = Child.verifyWithSmallHeap("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres?user=postgres", 64, work);
        out.println("   " + small.output());
        return small;
    }

    /**
     * keybot as its own process against the running database (an empty, migrated one of its own): start time,
     * then its RSS after a burst of submissions and approvals, which is keybot's memory without the benchmark's.
     */
    private Machine.Memory processPhase(Jdbi jdbi, String port, URI supabase, Path work, List<String> jvm,
                                        int startRuns, List<Double> starts) throws Exception {
        String options = jvm.isEmpty() ? "default JVM options" : String.join(" ", jvm);
        step("keybot as its own process (" + options + "): start with an external database, then RSS under load");
        String database = "keybot_process_" + processRuns.incrementAndGet();
        jdbi.useHandle(h -> h.execute("CREATE DATABASE " + database));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
        try (Database process = Database.external(DatabaseUrl.parse(url))) {
            process.migrate();
        }
        for (int i = 1; i < startRuns; i++) {
            try (Child c = Child.serve(url, slack.apiUrl(), supabase, work, CHILD_TOKEN, jvm)) {
                starts.add(c.startSeconds());
            }
        }
        try (Child c = Child.serve(url, slack.apiUrl(), supabase, work, CHILD_TOKEN, jvm)) {
            starts.add(c.startSeconds());
            out.println("   start: " + starts.stream().map(s -> String.format(Locale.ROOT, "%.2f s", s))
                    .collect(Collectors.joining(", ")));
            long dmsBefore = slack.keyDmsFor(CHILD_TOKEN);
            int count = Math.max(100, size.measureCount() / 4);
            App app = new App("process", c.events());
            Load.Outcome submitted = Load.run(16, count, Duration.ofSeconds(20), (n, rec) -> acked(app,
                    SlackPayloads.requestSubmission(Fixture.requester(n), Fixture.PROJECTS.get(0).ref(),
                            "bench_process_" + n, "Process load " + n, null), rec, true));
            AtomicLong nextId = new AtomicLong(1);
            Load.Outcome approved = Load.run(16, submitted.ok(), Duration.ofSeconds(20), (n, rec) -> acked(app,
                    SlackPayloads.buttonClick(Fixture.APPROVER, Ids.APPROVE, String.valueOf(nextId.getAndIncrement()),
                            slack.responseUrl()), rec, false));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (slack.keyDmsFor(CHILD_TOKEN) - dmsBefore < approved.ok() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long delivered = slack.keyDmsFor(CHILD_TOKEN) - dmsBefore;
            Machine.Memory m = Machine.process("keybot alone (own process, " + options + ") after "
                    + submitted.ok() + " submissions and " + delivered + " deliveries at concurrency 16", c.pid());
            out.printf(Locale.ROOT, "   %d submissions at %.0f/s (ack p99 %s ms), %d approvals at %.0f/s"
                            + " (ack p99 %s ms), %d delivered; RSS %d MB, peak %d MB%n", submitted.ok(),
                    submitted.throughput(), Report.f(submitted.ack().stats().p99()), approved.ok(),
                    approved.throughput(), Report.f(approved.ack().stats().p99()), delivered, m.rssMb(), m.peakRssMb());
            if (jvm.stream().anyMatch(x -> x.startsWith("-XX:NativeMemoryTracking="))) {
                out.println(c.nativeMemory().indent(3));
            }
            return m;
        }
    }

    private void step(String what) {
        out.printf(Locale.ROOT, "-- [%3.0f s] %s%n", seconds(began), what);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
