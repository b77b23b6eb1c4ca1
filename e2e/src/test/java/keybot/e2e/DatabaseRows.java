package keybot.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import keybot.db.Database;

/** What the database holds at one moment: enough to tell which rows a test added and whether others changed. */
record DatabaseRows(
        Database db, long maxRequestId, long maxAuditId, long requestCount, long auditCount, String existing) {

    static DatabaseRows of(Database db) {
        long maxRequest = scalar(db, "SELECT coalesce(max(id), 0) FROM key_request");
        long maxAudit = scalar(db, "SELECT coalesce(max(id), 0) FROM audit_event");
        return new DatabaseRows(
                db,
                maxRequest,
                maxAudit,
                scalar(db, "SELECT count(*) FROM key_request"),
                scalar(db, "SELECT count(*) FROM audit_event"),
                rows(db, maxRequest, maxAudit));
    }

    /** Every row that {@code before} saw, as it is now. */
    String rowsUpTo(DatabaseRows before) {
        return rows(db, before.maxRequestId, before.maxAuditId);
    }

    /** Key names of the requests added since {@code before} by {@code requester}, sorted. */
    List<String> requestsAfter(DatabaseRows before, String requester) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT key_name FROM key_request WHERE id > :after AND requester = :requester ORDER BY key_name")
                        .bind("after", before.maxRequestId)
                        .bind("requester", requester)
                        .mapTo(String.class)
                        .list());
    }

    /** The kinds of audit events added since {@code before}. */
    List<String> auditTypesAfter(DatabaseRows before) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT DISTINCT type FROM audit_event WHERE id > :after ORDER BY type")
                        .bind("after", before.maxAuditId)
                        .mapTo(String.class)
                        .list());
    }

    /** Waits until keybot's background work is done: the Slack stand-in has had no new call for a second. */
    static void awaitQuiet(KeybotFixture keybot) {
        Instant deadline = Instant.now().plusSeconds(60);
        int seen = -1;
        Instant stableSince = Instant.now();
        while (Duration.between(stableSince, Instant.now()).toMillis() < 1000) {
            int now = keybot.slack.getAllServeEvents().size();
            if (now != seen) {
                seen = now;
                stableSince = Instant.now();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("keybot kept calling Slack for a minute");
            }
            try {
                // polling a condition that has no event to wait on: whether calls have stopped coming
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    private static String rows(Database db, long maxRequest, long maxAudit) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT coalesce(string_agg(t, E'\\n' ORDER BY k), '') FROM (
                  SELECT 'r' || lpad(id::text, 12, '0') AS k, r::text AS t FROM key_request r WHERE id <= :r
                  UNION ALL
                  SELECT 'a' || lpad(id::text, 12, '0'), a::text FROM audit_event a WHERE id <= :a) rows
                """)
                        .bind("r", maxRequest)
                        .bind("a", maxAudit)
                        .mapTo(String.class)
                        .one());
    }

    private static long scalar(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
