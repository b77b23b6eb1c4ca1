package keybot.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import keybot.bot.PolicyFile;
import keybot.db.PostgresRequestStore;
import org.jdbi.v3.core.Jdbi;

/**
 * The benchmark's own pending requests (requesters {@code U0B…}): found or stored for scenario 3 to approve, and
 * withdrawn after each run, all through the real store.
 */
final class PendingRequests {

    /** A pending request and an approver who may approve it. */
    record Pending(long id, String approver) {}

    private final Jdbi jdbi;
    private final PolicyFile policy;
    private final AtomicLong names;

    /** {@code names} numbers the requests stored here and those the scenarios submit alike, so no key name repeats. */
    PendingRequests(Jdbi jdbi, PolicyFile policy, AtomicLong names) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.names = names;
    }

    /**
     * Requests for scenario 3 to approve: the benchmark's own pending ones, topped up to {@code needed} through the
     * real store (stored with their REQUESTED line, and their approval message noted as posted), which is quicker
     * than submitting them through Slack and leaves keybot no follow-up work to finish first.
     */
    ConcurrentLinkedQueue<Pending> forApproval(long needed) throws Exception {
        ConcurrentLinkedQueue<Pending> pending = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, project_ref FROM key_request
                         WHERE state = 'PENDING' AND requester LIKE 'U0B%'
                         ORDER BY id""")
                .map((rs, ctx) -> new Pending(rs.getLong("id"), approverOf(rs.getString("project_ref"))))
                .collect(Collectors.toCollection(ConcurrentLinkedQueue::new)));
        long missing = needed - pending.size();
        if (missing > 0) {
            pending.addAll(store(missing));
        }
        return pending;
    }

    /** New pending requests stored through the real store, with their approval message noted as posted. */
    List<Pending> store(long count) throws InterruptedException {
        var store = new PostgresRequestStore(jdbi);
        List<Project> projects = policy.policy().projects();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Pending> made = Collections.synchronizedList(new ArrayList<>());
        for (long i = 0; i < count; i++) {
            long k = names.incrementAndGet();
            pool.execute(() -> {
                Project project = projects.get((int) (k % 4));
                KeyRequest r = store.create(Submission.of(
                        new Draft(
                                Fixture.requester(k),
                                project.ref(),
                                "bench_k" + Long.toString(k, 36),
                                "Benchmark worker " + k + " writes invoices",
                                null),
                        project,
                        Instant.now()));
                String ts = (1_700_000_000L + k) + ".000100";
                store.attachMessage(
                        r.id(),
                        new KeyRequest.MessageRef(
                                Fixture.CHANNEL,
                                ts,
                                "https://bench.slack.com/archives/" + Fixture.CHANNEL + "/p" + ts.replace(".", "")));
                // as if posted and announced already: keybot owes these requests nothing until they are approved
                jdbi.useHandle(h -> h.execute("DELETE FROM effect WHERE request_id = ?", r.id()));
                made.add(new Pending(r.id(), approverOf(project.ref())));
            });
        }
        finish(pool, "storing pending requests");
        made.sort(Comparator.comparingLong(Pending::id));
        return made;
    }

    /**
     * The benchmark's requests still pending after a run are withdrawn by their requesters (PENDING → CANCELLED
     * through the real store, each with its audit line), as people decide requests in real life. Otherwise they
     * pile up run after run, into thousands, which is a different benchmark: scenario 4 measures that backlog on
     * its own.
     */
    void withdraw() throws InterruptedException {
        List<long[]> ids = jdbi.withHandle(h ->
                h.createQuery("""
                        SELECT id FROM key_request WHERE state = 'PENDING' AND requester LIKE 'U0B%'""").map((rs, ctx) -> new long[] {rs.getLong(1)}).list());
        var store = new PostgresRequestStore(jdbi);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (long[] id : ids) {
            pool.execute(() -> store.find(id[0])
                    .ifPresent(
                            r -> store.move(Transition.cancellation(r, r.ask().requester(), Instant.now()))));
        }
        finish(pool, "withdrawing pending requests");
    }

    private static void finish(ExecutorService pool, String what) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(what + " took over 5 minutes");
        }
    }

    private static String approverOf(String projectRef) {
        return Fixture.PROJECTS.stream()
                .filter(p -> p.ref().equals(projectRef))
                .findFirst()
                .orElseThrow()
                .approvers()
                .get(0);
    }
}
