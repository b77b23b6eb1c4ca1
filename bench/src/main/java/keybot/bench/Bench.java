package keybot.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import keybot.bot.Config;
import keybot.bot.Keybot;
import keybot.bot.PolicyFile;
import keybot.db.Database;
import keybot.supabase.SupabaseKeyIssuer;
import keybot.testkit.StandInSlack;
import keybot.testkit.StandInSupabase;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar bench/target/keybot-bench.jar [--quick|--smoke]}: keybot and a bare Bolt app side by side in
 * one JVM, driven with the same signed load, plus the history queries at a million audit events, start time and
 * memory. Prints Markdown tables and writes them, with the JSON, under {@code bench/results/}.
 */
public final class Bench {

    /** The JVM options the README runs keybot with. */
    static final List<String> RECOMMENDED_JVM = List.of("-Xmx128m");

    private final Options o;
    private final Options.Size size;
    private final PrintStream out;
    private final Progress progress;
    /** Numbers the benchmark's own requests, submitted or stored, so every key name is new. */
    private final AtomicLong names = new AtomicLong();

    private final List<Machine.Memory> memory = new ArrayList<>();
    private final List<Report.Run> historyHttp = new ArrayList<>();
    private final List<Double> processStarts = new ArrayList<>();
    private List<HistoryBench.Row> history = List.of();
    private Report.Verify verify;
    private StandInSlack slack;
    private final SlackWatch watch = new SlackWatch();
    private CpuMeter cpu;

    private Bench(Options o, PrintStream out) {
        this.o = o;
        this.size = o.size();
        this.out = out;
        this.progress = new Progress(out);
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
        out.printf(
                Locale.ROOT,
                "keybot benchmark, %s run: %d CPUs, Java %s, max heap %s, code %s, load average %s%n",
                size.name(),
                machine.cpus(),
                machine.java(),
                machine.maxHeap(),
                machine.commit(),
                cpuBefore.loadAverage());
        try (WorkDirectory workDirectory = WorkDirectory.create(out)) {
            Path work = workDirectory.path();
            progress.step("starting the embedded PostgreSQL");
            long t = System.nanoTime();
            Database db = Database.embedded(work.resolve("postgres"));
            double pgStart = Progress.seconds(t);
            t = System.nanoTime();
            db.migrate();
            double migrations = Progress.seconds(t);
            cpu = new CpuMeter(work.resolve("postgres"));
            try (db;
                    StandInSupabase supabase = StandInSupabase.builder()
                            .threads(8)
                            .forgetRevealed()
                            .onCall(watch::supabaseCalled)
                            .start();
                    StandInSlack slackStandIn = StandInSlack.builder()
                            .threads(16)
                            .workspace("bench")
                            .onCall(watch::slackCalled)
                            .start()) {
                slack = slackStandIn;
                BigData.Loaded data = load(db.jdbi());
                PolicyFile policy = PolicyFile.parse(Fixture.policyYaml(), "benchmark policy");
                Config config = new Config(
                        Fixture.BOT_TOKEN,
                        Fixture.SIGNING_SECRET,
                        Fixture.SUPABASE_TOKEN,
                        slack.apiUrl(),
                        supabase.url(),
                        Optional.empty(),
                        work,
                        0,
                        policy);
                progress.step("starting keybot and the bare Bolt app");
                t = System.nanoTime();
                Keybot keybot = Keybot.start(
                        config,
                        db,
                        new SupabaseKeyIssuer(supabase.url(), Fixture.SUPABASE_TOKEN, Duration.ofSeconds(10)),
                        Clock.systemUTC());
                double keybotStart = Progress.seconds(t);
                t = System.nanoTime();
                BareBolt bare =
                        BareBolt.start(slack.apiUrl(), Fixture.BOT_TOKEN, Fixture.SIGNING_SECRET, Fixture.COMMAND);
                double bareStart = Progress.seconds(t);
                List<Report.Run> runs;
                try (keybot;
                        bare) {
                    runs = measure(keybot, bare, db.jdbi(), policy, data, supabase.url(), work);
                }
                Machine.Cpu cpuAfter = Machine.cpu();
                var start = new Report.Start(pgStart, migrations, keybotStart, bareStart, processStarts);
                var dataRow =
                        new Report.Data(data.requests(), data.events(), data.loadSeconds(), data.analyzeSeconds());
                var machineLoad = new Report.MachineLoad(
                        cpuBefore.loadAverage(), cpuAfter.loadAverage(), cpuAfter.busyPercentSince(cpuBefore));
                return report(new Report.Result(
                        size.name(),
                        startedAt.toString(),
                        Progress.seconds(wall),
                        machine,
                        machineLoad,
                        dataRow,
                        start,
                        runs,
                        history,
                        historyHttp,
                        verify,
                        memory,
                        slack.callsByMethod(),
                        List.of()));
            }
        }
    }

    private BigData.Loaded load(Jdbi jdbi) throws IOException {
        progress.step(String.format(
                Locale.ROOT, "loading %,d requests and %,d audit events", size.requests(), size.events()));
        BigData.Loaded data = BigData.load(jdbi, size.requests(), size.events(), Instant.now());
        out.printf(
                Locale.ROOT, "   loaded in %.1f s, VACUUM ANALYZE %.1f s%n", data.loadSeconds(), data.analyzeSeconds());
        return data;
    }

    /** Everything measured while both apps run, in this order; returns the load runs. */
    private List<Report.Run> measure(
            Keybot keybotApp,
            BareBolt bareApp,
            Jdbi jdbi,
            PolicyFile policy,
            BigData.Loaded data,
            URI supabase,
            Path work)
            throws Exception {
        App keybot = new App("keybot", URI.create("http://127.0.0.1:" + keybotApp.port() + "/slack/events"));
        App bare = new App("bare", bareApp.events());
        var followUp = new FollowUpWork(slack, watch, size.quiet(), progress);
        var calls = new SlackCalls(slack, watch, names, followUp);
        var runs = new MeasuredRuns(size, watch, cpu, calls, followUp, progress);
        var pending = new PendingRequests(jdbi, policy, names);
        var historyScenario = new HistoryScenario(size, jdbi, policy, progress);
        memory.add(Machine.self("this JVM after start"));
        calls.openAppHomes(keybot);
        if (o.runs("4")) {
            history = historyScenario.queries(data);
            for (int c : List.of(
                    1, Math.min(16, size.concurrency().get(size.concurrency().size() - 1)))) {
                historyHttp.add(runs.ackRun("/request-key history (approver)", keybot, c, calls.historyCall(keybot)));
            }
        }
        if (o.runs("verify")) {
            verify = InProcessVerify.run(jdbi, progress);
        }
        new Scenarios(o, calls, runs, pending, followUp, progress).run(keybot, bare);
        memory.add(Machine.self("this JVM after the scenarios (keybot, bare app, stand-ins, load)"));
        if (o.child() && o.runs("process")) {
            Child.Verified small = new ProcessPhases(o, jdbi, slack.apiUrl(), supabase, work, watch, calls, progress)
                    .run(memory, processStarts);
            verify = verify == null ? new Report.Verify(0, 0, small.ok(), 0, 0, small) : verify.withSmallHeap(small);
        }
        if (o.runs("4")) {
            history = new ArrayList<>(history);
            history.add(historyScenario.backlog(pending));
        }
        return runs.all();
    }

    /** The targets judged, then the tables printed and everything written. */
    private Report.Result report(Report.Result measured) throws IOException {
        Report.Result result = measured.withTargets(Targets.evaluate(measured, size));
        String md = Report.markdown(result);
        out.println();
        out.println(md);
        Report.write(result, o.out(), md);
        out.println("Results written to " + o.out().toAbsolutePath().normalize());
        return result;
    }
}
