package keybot.bench;

import static keybot.bench.HistoryPlan.DELIVERED;
import static keybot.bench.HistoryPlan.DENIED;
import static keybot.bench.HistoryPlan.FAILED;
import static keybot.bench.HistoryPlan.PENDING;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.approvals.Project;
import keybot.bench.Fixture.ProjectSpec;
import keybot.bot.PolicyFile;
import keybot.db.RulesJson;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Two years of history, loaded fast: {@code requests} key requests and exactly {@code events} audit lines, written
 * with COPY into the production schema (indexes, foreign keys and the append-only trigger all in place). The audit
 * lines form a valid hash chain, built with {@link AuditRecord#chained}, and the chain's head is set to its end,
 * so keybot appends after them and {@code audit verify} passes.
 *
 * <p>The mix: 85% delivered, 10% denied, 5% failed; a few of the newest still pending. Requesters are skewed (a
 * few ask often, many rarely); key names too. To reach the asked-for events per request, delivered and failed
 * requests carry retry rounds (FAILED then RETRIED). Everything is drawn from fixed seeds ({@link HistoryPlan}):
 * the same sizes load the same rows.
 */
final class BigData {

    /** What was loaded, and the people, names and pages the history queries look up. */
    record Loaded(
            int requests,
            long events,
            double loadSeconds,
            double analyzeSeconds,
            String heavyRequester,
            int heavyCount,
            String rareRequester,
            int rareCount,
            String busyKeyName,
            int busyKeyCount,
            String rareKeyName,
            int rareKeyCount,
            long quietProjectNewestId,
            long middleId) {}

    private final int requests;
    private final long events;
    /** A pending request expires no earlier than this, so none expires while the benchmark runs. */
    private final Instant loadedAt;

    private final HistoryPlan plan;
    private final HistoryLines historyLines;
    /** Each project's rules as keybot stores them with a request. */
    private final Map<String, String> rules =
            PolicyFile.parse(Fixture.policyYaml(), "bench policy").policy().projects().stream()
                    .collect(Collectors.toMap(Project::ref, p -> RulesJson.write(p.rules())));

    private BigData(int requests, long events, Instant now) {
        this.loadedAt = now.plus(Duration.ofHours(1));
        this.requests = requests;
        this.events = events;
        this.plan = HistoryPlan.draw(requests, events, now);
        this.historyLines = new HistoryLines(plan);
    }

    static Loaded load(Jdbi jdbi, int requests, long events, Instant now) throws IOException {
        BigData data = new BigData(requests, events, now);
        long t0 = System.nanoTime();
        jdbi.useTransaction(h -> {
            data.copyRequests(h);
            String head = data.copyEvents(h);
            h.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", events, head);
            h.createQuery("SELECT setval(pg_get_serial_sequence('key_request', 'id'), :n)")
                    .bind("n", (long) requests)
                    .mapTo(Long.class)
                    .one();
            h.createQuery("SELECT setval(pg_get_serial_sequence('audit_event', 'id'), :n)")
                    .bind("n", events)
                    .mapTo(Long.class)
                    .one();
        });
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        // what autovacuum would have done to tables this old: statistics, and the visibility map
        jdbi.useHandle(h -> {
            h.execute("VACUUM ANALYZE key_request");
            h.execute("VACUUM ANALYZE audit_event");
        });
        double analyzeSeconds = (System.nanoTime() - t1) / 1e9;
        return data.describe(loadSeconds, analyzeSeconds);
    }

    private void copyRequests(Handle h) throws IOException {
        String sql = """
                COPY key_request (id, requester, project_name, project_ref, key_name, reason, description, state,
                                  created_at, updated_at, decided_by, decided_at, decision_note, key_id, key_sha256,
                                  key_hint, failure, message_channel, message_ts, message_link, expires_at, rules)
                FROM STDIN""";
        try (CopyRows out = CopyRows.start(h, sql)) {
            for (int id = 1; id <= requests; id++) {
                List<AuditRecord> lines = historyLines.lines(id);
                ProjectSpec p = plan.project(id);
                byte state = plan.state(id);
                AuditRecord first = lines.get(0);
                AuditRecord last = lines.get(lines.size() - 1);
                AuditRecord decision = lines.size() > 1 ? lines.get(1) : null;
                boolean delivered = state == DELIVERED;
                out.row(
                        id,
                        Fixture.historyRequester(plan.requester(id)),
                        p.name(),
                        p.ref(),
                        historyLines.keyName(id),
                        first.detail(),
                        id % 2 == 0 ? null : "worker on fly.io, region " + (id % 7),
                        stateName(state),
                        first.at(),
                        last.at(),
                        decision == null ? null : decision.actor(),
                        decision == null ? null : decision.at(),
                        state == DENIED ? decision.detail() : null,
                        delivered ? HistoryLines.keyId(id) : null,
                        delivered ? HistoryLines.sha256(id) : null,
                        delivered ? HistoryLines.hint(id) : null,
                        state == FAILED ? last.detail() : null,
                        Fixture.CHANNEL,
                        plan.messageTs(id),
                        historyLines.link(id),
                        state == PENDING ? latest(first.at().plus(Duration.ofHours(24)), loadedAt) : null,
                        rules.get(p.ref()));
            }
        }
    }

    /** Writes the chain in order; returns the last line's hash, the new head. */
    private String copyEvents(Handle h) throws IOException {
        String sql = """
                COPY audit_event (id, seq, request_id, type, actor, actor_name, at, project, key_name, key_id,
                                  key_sha256, detail, message_link, prev_hash, hash)
                FROM STDIN""";
        String prev = AuditChain.GENESIS;
        long seq = 0;
        try (CopyRows out = CopyRows.start(h, sql)) {
            for (int id = 1; id <= requests; id++) {
                for (AuditRecord line : historyLines.lines(id)) {
                    seq++;
                    AuditRecord chained = line.chained(seq, prev);
                    out.row(
                            seq,
                            seq,
                            chained.requestId(),
                            chained.type().name(),
                            chained.actor(),
                            chained.actorName(),
                            chained.at(),
                            chained.project(),
                            chained.keyName(),
                            chained.keyId(),
                            chained.keySha256(),
                            chained.detail(),
                            chained.messageLink(),
                            chained.prevHash(),
                            chained.hash());
                    prev = chained.hash();
                }
            }
        }
        if (seq != events) {
            throw new IllegalStateException("wrote " + seq + " audit lines, meant " + events);
        }
        return prev;
    }

    private Loaded describe(double loadSeconds, double analyzeSeconds) {
        int[] perRequester = new int[HistoryPlan.HEAVY_REQUESTERS + HistoryPlan.RARE_REQUESTERS];
        int[] perName = new int[HistoryPlan.KEY_NAMES];
        long quietNewest = 0;
        for (int id = 1; id <= requests; id++) {
            perRequester[plan.requester(id)]++;
            perName[plan.keyName(id)]++;
            if (plan.project(id).quiet()) {
                quietNewest = id;
            }
        }
        int heavy = mostOften(perRequester);
        int rare = leastOften(perRequester);
        int busy = mostOften(perName);
        int rareName = leastOften(perName);
        return new Loaded(
                requests,
                events,
                loadSeconds,
                analyzeSeconds,
                Fixture.historyRequester(heavy),
                perRequester[heavy],
                Fixture.historyRequester(rare),
                perRequester[rare],
                HistoryLines.keyNameOf(busy),
                perName[busy],
                HistoryLines.keyNameOf(rareName),
                perName[rareName],
                quietNewest,
                requests / 2);
    }

    /** The index counted most, the first of those tied. */
    private static int mostOften(int[] counts) {
        int most = 0;
        for (int i = 0; i < counts.length; i++) {
            most = counts[i] > counts[most] ? i : most;
        }
        return most;
    }

    /** The index counted least but at least once, the first of those tied; -1 if none was counted. */
    private static int leastOften(int[] counts) {
        int least = -1;
        for (int i = 0; i < counts.length; i++) {
            least = counts[i] > 0 && (least < 0 || counts[i] < counts[least]) ? i : least;
        }
        return least;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String stateName(byte state) {
        return switch (state) {
            case PENDING -> "PENDING";
            case DENIED -> "DENIED";
            case FAILED -> "FAILED";
            default -> "DELIVERED";
        };
    }
}
