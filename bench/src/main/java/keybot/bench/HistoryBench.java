package keybot.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import keybot.approvals.HistoryQuery;
import keybot.approvals.KeyRequests;
import keybot.approvals.Policy;
import keybot.approvals.RequestHistory;
import keybot.db.PostgresRequestStore;
import org.jdbi.v3.core.Jdbi;

/**
 * Scenario 4 below HTTP: the queries behind {@code /request-key history} and App Home, asked through the domain
 * ({@link KeyRequests#history}, {@link KeyRequests#waitingFor}) of the real PostgreSQL store, one at a time, each
 * many times over. Page sizes are the ones keybot uses: 5 for history, 10 and 20 for App Home.
 */
final class HistoryBench {

    private static final int PAGE = 5;
    private static final int HOME_SHOWN = 10;
    private static final int HOME_WAITING = 20;

    /** One query's timings, and how many requests it returned (a check that it found what it should). */
    record Row(String query, int found, Latencies.Stats stats) {}

    private HistoryBench() {}

    static List<Row> run(Jdbi jdbi, Policy policy, BigData.Loaded data, int warmup, int iterations) {
        var requests = new KeyRequests(new PostgresRequestStore(jdbi), policy, Clock.systemUTC());
        String approver = Fixture.APPROVER;
        HistoryQuery page = HistoryQuery.newest(PAGE);
        List<RequestHistory> first = requests.history(approver, page);
        long older = first.get(first.size() - 1).request().id();
        String busyRef = Fixture.PROJECTS.get(0).ref();
        String quietRef = Fixture.PROJECTS.get(Fixture.PROJECTS.size() - 1).ref();

        List<Query> queries = List.of(
                new Query("history: approver, newest page", () -> requests.history(approver, page)),
                new Query("history: approver, Older page", () -> requests.history(approver, page.before(older))),
                new Query(
                        "history: Older page halfway back (id < " + data.middleId() + ")",
                        () -> requests.history(approver, page.before(data.middleId()))),
                new Query(
                        "history: requester's own (" + data.heavyCount() + " requests)",
                        () -> requests.history(data.heavyRequester(), page)),
                new Query(
                        "history: requester's own (" + data.rareCount() + " request"
                                + (data.rareCount() == 1 ? "" : "s") + ")",
                        () -> requests.history(data.rareRequester(), page)),
                new Query("history: by project (busy)", () -> requests.history(approver, page.ofProject(busyRef))),
                new Query(
                        "history: by project (quiet since request #" + data.quietProjectNewestId() + ")",
                        () -> requests.history(approver, page.ofProject(quietRef))),
                new Query(
                        "history: by key name (" + data.busyKeyCount() + " requests)",
                        () -> requests.history(approver, page.ofKeyName(data.busyKeyName()))),
                new Query(
                        "history: by key name (" + data.rareKeyCount() + " request"
                                + (data.rareKeyCount() == 1 ? "" : "s") + ")",
                        () -> requests.history(approver, page.ofKeyName(data.rareKeyName()))),
                new Query(
                        "App Home: my requests",
                        () -> requests.history(
                                data.heavyRequester(),
                                HistoryQuery.newest(HOME_SHOWN).ofRequester(data.heavyRequester()))),
                new Query("App Home: waiting for you", () -> requests.waitingFor(approver, HOME_WAITING)),
                new Query(
                        "App Home: recent requests", () -> requests.history(approver, HistoryQuery.newest(HOME_SHOWN))),
                new Query("App Home: an approver's whole tab (3 queries)", () -> {
                    int n = requests.history(
                                    approver, HistoryQuery.newest(HOME_SHOWN).ofRequester(approver))
                            .size();
                    n += requests.waitingFor(approver, HOME_WAITING).size();
                    return n
                            + requests.history(approver, HistoryQuery.newest(HOME_SHOWN))
                                    .size();
                }));

        List<Row> rows = new ArrayList<>();
        for (Query q : queries) {
            rows.add(time(q, warmup, iterations));
        }
        return rows;
    }

    /** App Home's "waiting for you" alone, after {@code pending} requests were added. */
    static Row waitingFor(Jdbi jdbi, Policy policy, int pending, int warmup, int iterations) {
        var requests = new KeyRequests(new PostgresRequestStore(jdbi), policy, Clock.systemUTC());
        return time(
                new Query(
                        "App Home: waiting for you, " + pending + " more requests pending",
                        () -> requests.waitingFor(Fixture.APPROVER, HOME_WAITING)),
                warmup,
                iterations);
    }

    private static Row time(Query q, int warmup, int iterations) {
        int found = 0;
        for (int i = 0; i < warmup; i++) {
            found = size(q.run().get());
        }
        Latencies l = new Latencies();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            found = size(q.run().get());
            l.add(System.nanoTime() - t0);
        }
        return new Row(q.name(), found, l.stats());
    }

    private static int size(Object result) {
        return result instanceof List<?> list ? list.size() : (Integer) result;
    }

    private record Query(String name, Supplier<Object> run) {}
}
