package keybot.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What to run and how big. {@code full} is the run whose results are committed; {@code quick} is the same run,
 * smaller; {@code smoke} is the seconds-long run the build's test makes.
 *
 * @param size       how much history is loaded, and how long each load run lasts
 * @param only       the parts to run; empty = all
 * @param child      whether to start keybot as separate processes (start time, RSS, verify in a small heap)
 * @param keybotJvm  JVM options for those processes; none by default, as {@code java -jar keybot.jar} runs
 */
record Options(Size size, Set<String> only, boolean child, List<String> keybotJvm, Path out) {

    /**
     * @param measureCount the requests of one measured run, unless {@code measureTime} runs out first
     * @param quiet        how long Slack must hear nothing from keybot before its follow-up work counts as done
     */
    record Size(
            String name,
            int requests,
            long events,
            List<Integer> concurrency,
            int warmupCount,
            Duration warmupTime,
            int measureCount,
            Duration measureTime,
            int completionCount,
            Duration completionTime,
            int queryWarmup,
            int queryIterations,
            int startRuns,
            Duration quiet) {}

    static final Size FULL = new Size(
            "full",
            100_000,
            1_000_000,
            List.of(1, 16, 64),
            150,
            Duration.ofMillis(1500),
            1000,
            Duration.ofSeconds(3),
            600,
            Duration.ofSeconds(3),
            30,
            300,
            3,
            Duration.ofMillis(500));
    static final Size QUICK = new Size(
            "quick",
            10_000,
            100_000,
            List.of(1, 16, 64),
            100,
            Duration.ofSeconds(1),
            600,
            Duration.ofSeconds(2),
            300,
            Duration.ofSeconds(2),
            20,
            200,
            1,
            Duration.ofMillis(500));
    static final Size SMOKE = new Size(
            "smoke",
            1_000,
            10_000,
            List.of(2),
            10,
            Duration.ofMillis(300),
            40,
            Duration.ofSeconds(1),
            10,
            Duration.ofSeconds(1),
            3,
            10,
            0,
            Duration.ofMillis(150));

    private static final Set<String> PARTS = Set.of("1", "2", "3", "4", "verify", "process");

    static final String USAGE = """
            usage: java -jar bench/target/keybot-bench.jar [--quick | --smoke] [--only LIST] [--no-process]
                                                           [--keybot-jvm "OPTIONS"] [--out DIR]
              (no option)   the full run: 100,000 requests and 1,000,000 audit events loaded
              --quick       the same run, smaller and shorter: 10,000 requests, 100,000 events
              --smoke       a few seconds, to see that everything works (the build's test runs it)
              --only LIST   only these parts, comma-separated: 1, 2, 3 (scenarios), 4 (history and App Home),
                            verify (audit verify), process (keybot as its own process: start, RSS, verify)
              --no-process  skip the separate keybot processes
              --concurrency LIST  the concurrency levels, comma-separated (default 1,16,64)
              --keybot-jvm  JVM options for the separate keybot processes, e.g. "-Xmx96m" (default: none)
              --out DIR     where results go (default bench/results): latest.json, latest.md, a dated copy
            """;

    static Options parse(String... args) {
        Size size = FULL;
        Set<String> only = Set.of();
        boolean child = true;
        List<String> jvm = List.of();
        Path out = Path.of("bench/results");
        List<Integer> concurrency = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> size = FULL;
                case "--quick" -> size = QUICK;
                case "--smoke" -> {
                    size = SMOKE;
                    child = false;
                }
                case "--no-process" -> child = false;
                case "--only" -> {
                    only = Set.of(value(args, ++i, "--only").split(","));
                    if (!PARTS.containsAll(only)) {
                        throw new IllegalArgumentException("--only takes "
                                + String.join(", ", PARTS.stream().sorted().toList()));
                    }
                }
                case "--concurrency" -> {
                    List<Integer> levels = java.util.Arrays.stream(
                                    value(args, ++i, "--concurrency").split(","))
                            .map(Integer::valueOf)
                            .toList();
                    if (levels.stream().anyMatch(c -> c < 1 || c > 256)) {
                        throw new IllegalArgumentException("--concurrency takes levels from 1 to 256");
                    }
                    concurrency = levels;
                }
                case "--keybot-jvm" ->
                    jvm = List.of(value(args, ++i, "--keybot-jvm").strip().split("\\s+"));
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (concurrency != null) {
            size = new Size(
                    size.name(),
                    size.requests(),
                    size.events(),
                    concurrency,
                    size.warmupCount(),
                    size.warmupTime(),
                    size.measureCount(),
                    size.measureTime(),
                    size.completionCount(),
                    size.completionTime(),
                    size.queryWarmup(),
                    size.queryIterations(),
                    size.startRuns(),
                    size.quiet());
        }
        return new Options(size, only, child, jvm, out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Whether this part runs: every part unless {@code --only} names some. */
    boolean runs(String part) {
        return only.isEmpty() || only.contains(part);
    }
}
