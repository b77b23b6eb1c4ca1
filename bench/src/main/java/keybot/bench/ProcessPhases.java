package keybot.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import keybot.db.Database;
import keybot.db.DatabaseUrl;
import org.jdbi.v3.core.Jdbi;

/**
 * keybot as its own process: with the JVM options asked for (none by default), then, by default, once more
 * with a heap cap; then {@code audit verify} in a JVM with a 64 MB heap.
 */
final class ProcessPhases {

    private static final String CHILD_TOKEN = "xoxb-bench-child-token-0000";

    private final Options o;
    private final Jdbi jdbi;
    private final URI slack;
    private final URI supabase;
    private final Path work;
    private final SlackWatch watch;
    private final SlackCalls calls;
    private final Progress progress;
    private final AtomicLong processRuns = new AtomicLong();

    ProcessPhases(
            Options o,
            Jdbi jdbi,
            URI slack,
            URI supabase,
            Path work,
            SlackWatch watch,
            SlackCalls calls,
            Progress progress) {
        this.o = o;
        this.jdbi = jdbi;
        this.slack = slack;
        this.supabase = supabase;
        this.work = work;
        this.watch = watch;
        this.calls = calls;
        this.progress = progress;
    }

    /** Runs the phases; each process's memory goes to {@code memory}, its start times to {@code starts}. */
    Child.Verified run(List<Machine.Memory> memory, List<Double> starts) throws Exception {
        String port = jdbi.withHandle(h -> h.createQuery("SELECT current_setting('port')")
                .mapTo(String.class)
                .one());
        memory.add(phase(port, o.keybotJvm(), o.size().startRuns(), starts));
        if (o.keybotJvm().isEmpty()) {
            // the one JVM option an operator would add for memory
            memory.add(phase(port, Bench.RECOMMENDED_JVM, 1, new ArrayList<>()));
        }
        progress.step("audit verify in its own JVM with a 64 MB heap");
        Child.Verified small =
                Child.verifyWithSmallHeap("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres", 64, work);
        progress.println("   " + small.output());
        return small;
    }

    /**
     * keybot as its own process against the running database (an empty, migrated one of its own): start time,
     * then its RSS after a burst of submissions and approvals, which is keybot's memory without the benchmark's.
     */
    private Machine.Memory phase(String port, List<String> jvm, int startRuns, List<Double> starts) throws Exception {
        String options = jvm.isEmpty() ? "default JVM options" : String.join(" ", jvm);
        progress.step(
                "keybot as its own process (" + options + "): start with an external database, then RSS under load");
        String url = emptyDatabase(port);
        for (int i = 1; i < startRuns; i++) {
            try (Child c = Child.serve(url, slack, supabase, work, CHILD_TOKEN, jvm)) {
                starts.add(c.startSeconds());
            }
        }
        try (Child c = Child.serve(url, slack, supabase, work, CHILD_TOKEN, jvm)) {
            starts.add(c.startSeconds());
            progress.println("   start: "
                    + starts.stream()
                            .map(s -> String.format(Locale.ROOT, "%.2f s", s))
                            .collect(Collectors.joining(", ")));
            Machine.Memory m = underLoad(c, options);
            if (jvm.stream().anyMatch(x -> x.startsWith("-XX:NativeMemoryTracking="))) {
                progress.println(c.nativeMemory().indent(3));
            }
            return m;
        }
    }

    /** A new database on the running server, migrated, for one process alone; its JDBC URL. */
    private String emptyDatabase(String port) {
        String database = "keybot_process_" + processRuns.incrementAndGet();
        jdbi.useHandle(h -> h.execute("CREATE DATABASE " + database));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
        try (Database process = Database.external(DatabaseUrl.parse(url))) {
            process.migrate();
        }
        return url;
    }

    /** Submissions, then their approvals, at concurrency 16; then the process's RSS, once the keys are DM'd. */
    private Machine.Memory underLoad(Child c, String options) throws Exception {
        long dmsBefore = watch.keyDmsFor(CHILD_TOKEN);
        int count = Math.max(100, o.size().measureCount() / 4);
        App app = new App("process", c.events());
        Load.Outcome submitted = Load.run(16, count, Duration.ofSeconds(20), calls.processSubmitCall(app));
        Load.Outcome approved = Load.run(16, submitted.ok(), Duration.ofSeconds(20), calls.processApproveCall(app));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (watch.keyDmsFor(CHILD_TOKEN) - dmsBefore < approved.ok() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long delivered = watch.keyDmsFor(CHILD_TOKEN) - dmsBefore;
        Machine.Memory m = Machine.process(
                "keybot alone (own process, " + options + ") after " + submitted.ok() + " submissions and " + delivered
                        + " deliveries at concurrency 16",
                c.pid());
        progress.printf(
                "   %d submissions at %.0f/s (ack p99 %s ms), %d approvals at %.0f/s"
                        + " (ack p99 %s ms), %d delivered; RSS %d MB, peak %d MB%n",
                submitted.ok(),
                submitted.throughput(),
                Report.f(submitted.ack().stats().p99()),
                approved.ok(),
                approved.throughput(),
                Report.f(approved.ack().stats().p99()),
                delivered,
                m.rssMb(),
                m.peakRssMb());
        return m;
    }
}
