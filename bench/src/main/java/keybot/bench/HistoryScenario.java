package keybot.bench;

import java.util.List;
import keybot.bot.PolicyFile;
import org.jdbi.v3.core.Jdbi;

/**
 * Scenario 4 in the run: {@link HistoryBench}'s queries over the loaded history, printed as they are timed, and
 * at the end of the run App Home's "waiting for you" once approvers have fallen behind.
 */
final class HistoryScenario {

    private final Options.Size size;
    private final Jdbi jdbi;
    private final PolicyFile policy;
    private final Progress progress;

    HistoryScenario(Options.Size size, Jdbi jdbi, PolicyFile policy, Progress progress) {
        this.size = size;
        this.jdbi = jdbi;
        this.policy = policy;
        this.progress = progress;
    }

    List<HistoryBench.Row> queries(BigData.Loaded data) {
        progress.step("scenario 4: history and App Home queries");
        List<HistoryBench.Row> rows =
                HistoryBench.run(jdbi, policy.policy(), data, size.queryWarmup(), size.queryIterations());
        rows.forEach(this::print);
        return rows;
    }

    /**
     * App Home's "waiting for you" when approvers fall behind: a backlog of pending requests (6% of all, once the
     * statistics know of them), the query timed as in scenario 4. Last in the run, since it leaves them pending.
     */
    HistoryBench.Row backlog(PendingRequests pending) throws InterruptedException {
        int count = size.requests() * 6 / 100;
        progress.step("scenario 4 with a backlog: " + count + " requests pending");
        pending.store(count);
        jdbi.useHandle(h -> h.execute("ANALYZE key_request"));
        HistoryBench.Row row =
                HistoryBench.waitingFor(jdbi, policy.policy(), count, size.queryWarmup(), size.queryIterations());
        print(row);
        return row;
    }

    private void print(HistoryBench.Row row) {
        progress.printf(
                "   %-62s p50 %6s  p99 %6s  max %6s ms%n",
                row.query(),
                Report.f(row.stats().p50()),
                Report.f(row.stats().p99()),
                Report.f(row.stats().max()));
    }
}
