package keybot.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The benchmark issue's targets, checked against one run's results. Benchmarks, not tests: nothing fails on them. */
final class Targets {

    private static final String NOT_RUN = "not run";

    private Targets() {}

    static List<Report.Target> evaluate(Report.Result r, Options.Size size) {
        int top = size.concurrency().stream().max(Integer::compare).orElse(1);
        List<Report.Target> out = new ArrayList<>();
        List<String> ackScenarios = List.of(Scenarios.S1, Scenarios.S2, Scenarios.S3);

        List<Report.Run> keybotTop = ackScenarios.stream()
                .map(s -> find(r, x -> x.scenario().equals(s) && x.app().equals("keybot") && x.concurrency() == top))
                .flatMap(Optional::stream)
                .toList();
        // bare Bolt's p99 in the same run is the floor on this machine; shown so a miss can be read against it
        out.add(new Report.Target(
                "p99 ack, scenarios 1–3, concurrency " + top,
                "≤ 25 ms",
                keybotTop.isEmpty()
                        ? NOT_RUN
                        : keybotTop.stream()
                                .map(x -> x.scenario().substring(0, 1) + ": "
                                        + Report.f(x.ack().p99()) + " ms" + bareP99(r, x))
                                .collect(Collectors.joining(", ")),
                !keybotTop.isEmpty() && keybotTop.stream().allMatch(x -> x.ack().p99() <= 25)));

        List<String> ratios = new ArrayList<>();
        boolean ratiosOk = !keybotTop.isEmpty();
        for (Report.Run k : keybotTop) {
            var b = find(r, x -> x.scenario().equals(k.scenario()) && x.app().equals("bare") && x.concurrency() == top);
            if (b.isPresent()) {
                double ratio = Report.ratio(k.ack().p99(), b.get().ack().p99());
                ratios.add(k.scenario().substring(0, 1) + ": " + String.format(Locale.ROOT, "%.2f", ratio));
                ratiosOk &= ratio <= 1.5;
            }
        }
        out.add(new Report.Target(
                "keybot/bare p99 ack ratio, concurrency " + top,
                "≤ 1.5",
                ratios.isEmpty() ? NOT_RUN : String.join(", ", ratios),
                ratiosOk));

        List<Report.Run> dm = r.runs().stream()
                .filter(x -> x.scenario().equals(Scenarios.S3_DM))
                .toList();
        out.add(new Report.Target(
                "Approve → DM completion p99",
                "≤ 100 ms",
                dm.isEmpty()
                        ? NOT_RUN
                        : dm.stream()
                                .map(x -> "c=" + x.concurrency() + ": "
                                        + Report.f(x.done().p99()) + " ms")
                                .collect(Collectors.joining(", ")),
                !dm.isEmpty() && dm.stream().allMatch(x -> x.done().p99() <= 100)));

        var posts = r.runs().stream()
                .filter(x -> x.scenario().equals(Scenarios.S2_POST))
                .max(Comparator.comparingDouble(Report.Run::throughput));
        out.add(new Report.Target(
                "Submissions sustained (stored, acked and posted to the channel)",
                "≥ 500/s",
                posts.map(x -> String.format(Locale.ROOT, "%.0f/s at concurrency %d", x.throughput(), x.concurrency()))
                        .orElse(NOT_RUN),
                posts.map(x -> x.throughput() >= 500).orElse(false)));

        List<HistoryBench.Row> queries = r.historyQueries().stream()
                .filter(q -> !q.query().contains("pending"))
                .toList();
        var worst =
                queries.stream().max(Comparator.comparingDouble(q -> q.stats().p99()));
        var backlog = r.historyQueries().stream()
                .filter(q -> q.query().contains("pending"))
                .findFirst();
        // one person's wait: at concurrency 16 on two cores the HTTP figure is mostly queueing, and is shown apart
        double worstHttp = r.historyHttp().stream()
                .filter(q -> q.concurrency() == 1)
                .mapToDouble(q -> q.ack().p99())
                .max()
                .orElse(0);
        out.add(new Report.Target(
                String.format(
                        Locale.ROOT,
                        "History and App Home p99 at %,d events",
                        r.data().auditEvents()),
                "≤ 20 ms",
                worst.isEmpty()
                        ? NOT_RUN
                        : "worst: " + worst.get().query() + " "
                                + Report.f(worst.get().stats().p99())
                                + " ms; over HTTP, one at a time, "
                                + Report.f(worstHttp) + " ms"
                                + backlog.map(b -> "; " + b.query() + ": "
                                                + Report.f(b.stats().p99()) + " ms")
                                        .orElse(""),
                worst.isPresent() && worst.get().stats().p99() <= 20 && worstHttp <= 20));

        // judged as the README runs keybot (java -Xmx128m -jar …); the JVM's own heap sizing is shown beside it
        var alone = r.memory().stream()
                .filter(m -> m.when().startsWith("keybot alone"))
                .toList();
        String documented = String.join(" ", Bench.RECOMMENDED_JVM);
        var asDocumented = alone.stream()
                .filter(m -> m.when().contains("own process, " + documented + ")"))
                .findFirst();
        out.add(new Report.Target(
                "RSS under load (keybot as its own process, run as the README says: " + documented + ")",
                "≤ 300 MB",
                alone.isEmpty()
                        ? NOT_RUN
                        : alone.stream()
                                .map(m -> "peak " + m.peakRssMb() + " MB with "
                                        + m.when().replaceAll("^.*\\(own process, ([^)]*)\\).*$", "$1"))
                                .collect(Collectors.joining("; ")),
                asDocumented.map(m -> m.peakRssMb() <= 300).orElse(false)));

        List<Double> starts = r.start().keybotProcessStartSeconds();
        double median = starts.isEmpty()
                ? Double.NaN
                : starts.stream().sorted().toList().get(starts.size() / 2);
        out.add(new Report.Target(
                "Start, external database",
                "≤ 3 s",
                starts.isEmpty() ? NOT_RUN : String.format(Locale.ROOT, "median %.2f s of %d", median, starts.size()),
                median <= 3));
        return out;
    }

    private static String bareP99(Report.Result r, Report.Run keybot) {
        return find(
                        r,
                        x -> x.scenario().equals(keybot.scenario())
                                && x.app().equals("bare")
                                && x.concurrency() == keybot.concurrency())
                .map(b -> " (bare " + Report.f(b.ack().p99()) + " ms)")
                .orElse("");
    }

    private static Optional<Report.Run> find(Report.Result r, Predicate<Report.Run> p) {
        return r.runs().stream().filter(p).findFirst();
    }
}
