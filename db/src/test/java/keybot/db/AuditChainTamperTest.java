package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditRecord;
import keybot.approvals.ChainCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whoever changes the log, even a superuser who lifts the append-only trigger, is found out by verify: each kind
 * of tampering breaks the chain at the first line touched.
 */
class AuditChainTamperTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123456789Z");

    Database db;
    PostgresAuditLog log;

    @BeforeEach
    void sixLines() {
        // given three requests: two approved, one denied, with six audit lines in all
        db = TestPostgres.freshDatabase();
        log = new PostgresAuditLog(db.jdbi());
        TestAudit.threeRequests(
                new PostgresRequestStore(db.jdbi(), id -> "name of " + id, PostgresRequestStore.Owed.NOBODY), T0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void untouchedLogVerifies() {
        ChainCheck check = log.verify();
        assertTrue(check.firstBreak().isEmpty(), () -> check.firstBreak().toString());
        assertEquals(6, check.count());
        List<AuditRecord> lines = lines();
        assertEquals("name of UADMIN1", lines.get(1).actorName());
        assertEquals("production", lines.get(1).project());
        assertEquals(AuditChain.GENESIS, lines.get(0).prevHash());
        assertEquals(lines.get(0).hash(), lines.get(1).prevHash());
    }

    @Test
    void editedLineIsFound() {
        superuser("UPDATE audit_event SET detail = 'approved, honest' WHERE seq = 3");
        assertBrokenAt(3, "edited");
    }

    @Test
    void deletedLineIsFound() {
        superuser("DELETE FROM audit_event WHERE seq = 3");
        assertBrokenAt(3, "missing");
    }

    @Test
    void linesCutOffTheEndAreFound() {
        superuser("DELETE FROM audit_event WHERE seq = 6");
        assertBrokenAt(6, "removed from the end");
    }

    @Test
    void reorderedLinesAreFound() {
        superuser("UPDATE audit_event SET seq = -seq WHERE seq IN (3, 4)");
        superuser("UPDATE audit_event SET seq = CASE seq WHEN -3 THEN 4 ELSE 3 END WHERE seq IN (-3, -4)");
        assertBrokenAt(3, "previous-line hash");
    }

    @Test
    void insertedLineIsFoundEvenWithAValidHashOfItsOwn() {
        // given a forger who inserts a well-formed line after line 2 and renumbers the rest
        AuditRecord second = lines().get(1);
        AuditRecord forged = new AuditRecord(
                        0,
                        T0.plusSeconds(5),
                        second.requestId(),
                        second.type(),
                        "UEVE",
                        "eve",
                        "production",
                        "key_0",
                        null,
                        null,
                        "approved by eve",
                        null,
                        null,
                        null)
                .chained(3, second.hash());
        superuser("UPDATE audit_event SET seq = seq + 100 WHERE seq >= 3");
        superuser("UPDATE audit_event SET seq = seq - 99 WHERE seq >= 103");
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO audit_event (seq, at, request_id, type, actor, actor_name, project, key_name, detail,
                                         prev_hash, hash)
                VALUES (:seq, :at, :requestId, :type, :actor, :actorName, :project, :keyName, :detail, :prevHash, :hash)
                """).bindMethods(forged).execute());
        // then the line after the forged one no longer follows its predecessor
        assertBrokenAt(4, "previous-line hash");
    }

    private void assertBrokenAt(long seq, String how) {
        ChainCheck.Break broken = log.verify().firstBreak().orElseThrow(() -> new AssertionError("not detected"));
        assertEquals(seq, broken.seq(), broken.toString());
        assertTrue(broken.how().contains(how), broken.how());
    }

    private void superuser(String sql) {
        TestAudit.asSuperuser(db, sql);
    }

    private List<AuditRecord> lines() {
        List<AuditRecord> lines = new ArrayList<>();
        log.export(PostgresAuditLog.Filter.everything(), lines::add);
        return lines;
    }

    @Test
    void linesWrittenBeforeTheChainExistedAreChainedOnUpgrade() {
        // given a database at version 2 with a request and its audit line, as an older keybot left it
        String url = TestPostgres.freshJdbcUrl();
        org.flywaydb.core.Flyway.configure()
                .dataSource(url, "postgres", null)
                .locations("classpath:db/migration")
                .target("2")
                .load()
                .migrate();
        try (Database old = Database.external(new DatabaseUrl(url, "postgres", null))) {
            old.jdbi().useHandle(h -> {
                h.execute("""
                        INSERT INTO key_request (requester, project_name, project_ref, key_name, reason, state,
                                                 created_at, updated_at)
                        VALUES ('USTEVE', 'production', 'abcdefghijklmnopqrst', 'old_key', 'why', 'PENDING', now(), now())""");
                h.execute("""
                        INSERT INTO audit_event (request_id, type, actor, at, detail)
                        SELECT id, 'REQUESTED', 'USTEVE', created_at, 'why' FROM key_request""");
            });
            // when keybot upgrades it
            old.migrate();
            // then the old line is chained and the chain verifies
            ChainCheck check = new PostgresAuditLog(old.jdbi()).verify();
            assertTrue(check.firstBreak().isEmpty(), () -> check.firstBreak().toString());
            assertEquals(1, check.count());
        }
    }
}
