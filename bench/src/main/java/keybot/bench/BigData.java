package keybot.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import keybot.approvals.Actors;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.approvals.EventType;
import keybot.bench.Fixture.ProjectSpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Two years of history, loaded fast: {@code requests} key requests and exactly {@code events} audit lines, written
 * with COPY into the production schema (indexes, foreign keys and the append-only trigger all in place). The audit
 * lines form a valid hash chain, built with {@link AuditRecord#chained}, and the chain's head is set to its end,
 * so keybot appends after them and {@code audit verify} passes.
 *
 * <p>The mix: 85% delivered, 10% denied, 5% failed; a few of the newest still pending. Requesters are skewed (a
 * few ask often, many rarely); key names too. To reach the asked-for events per request, delivered and failed
 * requests carry retry rounds (FAILED then RETRIED). Everything is drawn from fixed seeds: the same sizes load
 * the same rows.
 */
final class BigData {

    private static final long SEED = 20251126L;
    private static final Duration SPAN = Duration.ofDays(730);
    private static final byte DELIVERED = 0;
    private static final byte DENIED = 1;
    private static final byte FAILED = 2;
    private static final byte PENDING = 3;
    private static final int HEAVY_REQUESTERS = 2000;
    private static final int RARE_REQUESTERS = 3000;
    private static final int KEY_NAMES = 3000;
    private static final String[] REASONS = {
            "Nightly billing job writes invoices to the ledger tables",
            "New ingestion worker for the events pipeline (ticket OPS-%d)",
            "Rotating the key of the reporting service after the quarterly review",
            "Backfill script for the analytics warehouse, runs once and is deleted after",
            "CI job that seeds the preview databases for pull request %d",
    };

    /** What was loaded, and the people, names and pages the history queries look up. */
    record Loaded(int requests, long events, double loadSeconds, double analyzeSeconds,
                  String heavyRequester, int heavyCount, String rareRequester, int rareCount,
                  String busyKeyName, int busyKeyCount, String rareKeyName, int rareKeyCount,
                  long quietProjectNewestId,
                  long middleId) {
    }

    private final int requests;
    private final long events;
    /** A pending request expires no earlier than this, so none expires while the benchmark runs. */
    private final Instant loadedAt;
    private final Instant start;
    private final long spacingMillis;
    private final byte[] state;
    private final byte[] project;
    private final byte[] approver;
    private final int[] requester;
    private final int[] keyName;
    private final int[] rounds;

    private BigData(int requests, long events, Instant now) {
        this.loadedAt = now.plus(Duration.ofHours(1));
        this.requests = requests;
        this.events = events;
        this.start = now.minus(SPAN);
        this.spacingMillis = SPAN.toMillis() / requests;
        state = new byte[requests + 1];
        project = new byte[requests + 1];
        approver = new byte[requests + 1];
        requester = new int[requests + 1];
        keyName = new int[requests + 1];
        rounds = new int[requests + 1];
    }

    static Loaded load(Jdbi jdbi, int requests, long events, Instant now) throws IOException {
        BigData data = new BigData(requests, events, now);
        data.plan();
        long t0 = System.nanoTime();
        jdbi.useTransaction(h -> {
            data.copyRequests(h);
            String head = data.copyEvents(h);
            h.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", events, head);
            h.createQuery("SELECT setval(pg_get_serial_sequence('key_request', 'id'), :n)")
                    .bind("n", (long) requests).mapTo(Long.class).one();
            h.createQuery("SELECT setval(pg_get_serial_sequence('audit_event', 'id'), :n)")
                    .bind("n", events).mapTo(Long.class).one();
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

    /** Draws every request's shape; the rows themselves are written from these arrays and per-request seeds. */
    private void plan() {
        SplittableRandom random = new SplittableRandom(SEED);
        int quietEnd = Math.max(1, requests / 5);
        long base = 0;
        List<Integer> retryable = new ArrayList<>();
        for (int id = 1; id <= requests; id++) {
            double s = random.nextDouble();
            // pending only among the newest: the last day's, and at least the last ten
            boolean recent = (long) (requests - id) * spacingMillis < Duration.ofHours(20).toMillis()
                    || requests - id < 10;
            state[id] = recent && random.nextBoolean() ? PENDING
                    : s < 0.85 ? DELIVERED : s < 0.95 ? DENIED : FAILED;
            project[id] = (byte) pickProject(random, id <= quietEnd, Math.max(0.01, 10.0 / quietEnd));
            approver[id] = (byte) random.nextInt(2);
            double u = random.nextDouble();
            requester[id] = random.nextDouble() < 0.95 ? (int) (HEAVY_REQUESTERS * u * u)
                    : HEAVY_REQUESTERS + random.nextInt(RARE_REQUESTERS);
            double k = random.nextDouble();
            keyName[id] = (int) (KEY_NAMES * k * k);
            base += baseEvents(state[id]);
            if (state[id] == DELIVERED || state[id] == FAILED) {
                retryable.add(id);
            }
        }
        long extra = events - base;
        if (extra < 0) {
            throw new IllegalArgumentException(events + " events are too few for " + requests + " requests");
        }
        if (extra % 2 == 1) {
            // the rest comes in pairs: one pending request becomes denied (or, in tiny runs, the reverse)
            int id = newest(PENDING);
            if (id > 0) {
                state[id] = DENIED;
                extra--;
            } else if (newest(DENIED) > 0) {
                state[newest(DENIED)] = PENDING;
                extra++;
            } else {
                throw new IllegalArgumentException("load more requests: none is pending or denied");
            }
        }
        for (long pair = 0; pair < extra / 2; pair++) {
            rounds[retryable.get(random.nextInt(retryable.size()))]++;
        }
    }

    private int newest(byte wanted) {
        for (int id = requests; id > 0; id--) {
            if (state[id] == wanted) {
                return id;
            }
        }
        return 0;
    }

    private static int pickProject(SplittableRandom random, boolean quietTimes, double quietShare) {
        if (quietTimes && random.nextDouble() < quietShare) {
            return Fixture.PROJECTS.size() - 1;
        }
        double p = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < Fixture.PROJECTS.size(); i++) {
            sum += Fixture.PROJECTS.get(i).share();
            if (p < sum) {
                return i;
            }
        }
        return 0;
    }

    private static int baseEvents(byte state) {
        return switch (state) {
            case PENDING -> 1;
            case DENIED -> 2;
            case FAILED -> 3;
            default -> 4;
        };
    }

    private void copyRequests(Handle h) throws IOException {
        String sql = """
                COPY key_request (id, requester, project_name, project_ref, key_name, reason, description, state,
                                  created_at, updated_at, decided_by, decided_at, decision_note, key_id, key_sha256,
                                  key_hint, failure, message_channel, message_ts, message_link, expires_at)
                FROM STDIN""";
        try (Writer out = copy(h, sql)) {
            for (int id = 1; id <= requests; id++) {
                List<AuditRecord> lines = lines(id);
                ProjectSpec p = Fixture.PROJECTS.get(project[id]);
                AuditRecord first = lines.get(0);
                AuditRecord last = lines.get(lines.size() - 1);
                AuditRecord decision = lines.size() > 1 ? lines.get(1) : null;
                boolean delivered = state[id] == DELIVERED;
                row(out, id, Fixture.historyRequester(requester[id]), p.name(), p.ref(), keyName(id), first.detail(),
                        id % 2 == 0 ? null : "worker on fly.io, region " + (id % 7),
                        stateName(state[id]), first.at(), last.at(),
                        decision == null ? null : decision.actor(), decision == null ? null : decision.at(),
                        state[id] == DENIED ? decision.detail() : null,
                        delivered ? keyId(id) : null, delivered ? sha256(id) : null, delivered ? hint(id) : null,
                        state[id] == FAILED ? last.detail() : null,
                        Fixture.CHANNEL, messageTs(id), link(id),
                        state[id] == PENDING ? latest(first.at().plus(Duration.ofHours(24)), loadedAt) : null);
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
        try (Writer out = copy(h, sql)) {
            for (int id = 1; id <= requests; id++) {
                for (AuditRecord line : lines(id)) {
                    seq++;
                    AuditRecord chained = line.chained(seq, prev);
                    row(out, seq, seq, chained.requestId(), chained.type().name(), chained.actor(),
                            chained.actorName(), chained.at(), chained.project(), chained.keyName(), chained.keyId(),
                            chained.keySha256(), chained.detail(), chained.messageLink(), chained.prevHash(),
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

    /** A request's audit lines, unchained, as keybot would have written them. */
    private List<AuditRecord> lines(int id) {
        ProjectSpec p = Fixture.PROJECTS.get(project[id]);
        String who = Fixture.historyRequester(requester[id]);
        String decider = p.approvers().get(approver[id]);
        List<EventType> types = new ArrayList<>();
        types.add(EventType.REQUESTED);
        switch (state[id]) {
            case DENIED -> types.add(EventType.DENIED);
            case DELIVERED, FAILED -> {
                types.add(EventType.APPROVED);
                for (int r = 0; r < rounds[id]; r++) {
                    types.add(EventType.FAILED);
                    types.add(EventType.RETRIED);
                }
                if (state[id] == DELIVERED) {
                    types.add(EventType.KEY_CREATED);
                    types.add(EventType.DELIVERED);
                } else {
                    types.add(EventType.FAILED);
                }
            }
            default -> { }
        }
        Instant created = start.plusMillis((id - 1) * spacingMillis + (id * 7919L) % 60_000);
        long step = Math.min(20_000, spacingMillis / (types.size() + 1));
        List<AuditRecord> lines = new ArrayList<>(types.size());
        boolean keyKnown = false;
        for (int i = 0; i < types.size(); i++) {
            EventType type = types.get(i);
            keyKnown |= type == EventType.KEY_CREATED;
            String actor = switch (type) {
                case REQUESTED -> who;
                case APPROVED, DENIED, RETRIED -> decider;
                default -> Actors.KEYBOT;
            };
            String detail = switch (type) {
                case REQUESTED -> reason(id);
                case DENIED -> "Use the shared reporting key instead; ask in #data if it lacks a table";
                case FAILED -> "Supabase kept answering 503 (6 attempts); an approver can retry";
                case KEY_CREATED -> "key " + keyId(id) + ", sha256 " + sha256(id);
                case DELIVERED -> "sent by direct message to " + who;
                default -> null;
            };
            lines.add(new AuditRecord(0, created.plusMillis(i * step + (i == 0 ? 0 : 137)), id, type, actor,
                    actor.equals(Actors.KEYBOT) ? actor : actor.substring(2).toLowerCase(), p.name(), keyName(id),
                    keyKnown ? keyId(id) : null, keyKnown ? sha256(id) : null, detail, i == 0 ? null : link(id),
                    null, null));
        }
        return lines;
    }

    private Loaded describe(double loadSeconds, double analyzeSeconds) {
        int[] perRequester = new int[HEAVY_REQUESTERS + RARE_REQUESTERS];
        int[] perName = new int[KEY_NAMES];
        long quietNewest = 0;
        for (int id = 1; id <= requests; id++) {
            perRequester[requester[id]]++;
            perName[keyName[id]]++;
            if (Fixture.PROJECTS.get(project[id]).quiet()) {
                quietNewest = id;
            }
        }
        int heavy = 0;
        int rare = -1;
        for (int i = 0; i < perRequester.length; i++) {
            heavy = perRequester[i] > perRequester[heavy] ? i : heavy;
            rare = perRequester[i] > 0 && (rare < 0 || perRequester[i] < perRequester[rare]) ? i : rare;
        }
        int busy = 0;
        int rareName = -1;
        for (int i = 0; i < perName.length; i++) {
            busy = perName[i] > perName[busy] ? i : busy;
            rareName = perName[i] > 0 && (rareName < 0 || perName[i] < perName[rareName]) ? i : rareName;
        }
        return new Loaded(requests, events, loadSeconds, analyzeSeconds,
                Fixture.historyRequester(heavy), perRequester[heavy], Fixture.historyRequester(rare),
                perRequester[rare], keyNameOf(busy), perName[busy], keyNameOf(rareName), perName[rareName],
                quietNewest, requests / 2);
    }

    private String keyName(int id) {
        return keyNameOf(keyName[id]);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String keyNameOf(int n) {
        return String.format("svc_worker_%04d", n);
    }

    private static String reason(int id) {
        String template = REASONS[id % REASONS.length];
        return template.contains("%d") ? String.format(template, 1000 + id % 9000) : template;
    }

    private static String keyId(int id) {
        return new UUID(SEED, id).toString();
    }

    private static String sha256(int id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("bench key " + id).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hint(int id) {
        return sha256(id).substring(0, 6);
    }

    private String messageTs(int id) {
        return (start.getEpochSecond() + (id - 1) * spacingMillis / 1000) + ".000100";
    }

    private String link(int id) {
        return "https://bench.slack.com/archives/" + Fixture.CHANNEL + "/p" + messageTs(id).replace(".", "");
    }

    private static String stateName(byte state) {
        return switch (state) {
            case PENDING -> "PENDING";
            case DENIED -> "DENIED";
            case FAILED -> "FAILED";
            default -> "DELIVERED";
        };
    }

    private static Writer copy(Handle h, String sql) {
        try {
            PGConnection pg = h.getConnection().unwrap(PGConnection.class);
            return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg, sql, 1 << 20),
                    StandardCharsets.UTF_8), 1 << 20);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("COPY could not start: " + e.getMessage(), e);
        }
    }

    /** One row in COPY's text format: tab-separated, \N for null, backslash escapes. */
    private static void row(Writer out, Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.write('\t');
                }
                Object v = values[i];
                if (v == null) {
                    out.write("\\N");
                } else {
                    String s = v.toString();
                    for (int c = 0; c < s.length(); c++) {
                        char ch = s.charAt(c);
                        switch (ch) {
                            case '\\' -> out.write("\\\\");
                            case '\t' -> out.write("\\t");
                            case '\n' -> out.write("\\n");
                            case '\r' -> out.write("\\r");
                            default -> out.write(ch);
                        }
                    }
                }
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
