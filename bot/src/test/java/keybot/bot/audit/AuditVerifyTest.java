package keybot.bot.audit;

import static keybot.bot.audit.AuditCli.PRODUCTION;
import static keybot.bot.audit.AuditCli.at;
import static keybot.bot.audit.AuditCli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import keybot.approvals.AuditChain;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import keybot.bot.audit.AuditCli.Result;
import keybot.bot.audit.AuditCli.TestDatabase;
import keybot.db.Database;
import keybot.db.PostgresRequestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyTest {

    @Test
    void intactChainIsOkWithItsCountAndHead() {
        try (TestDatabase t = TestDatabase.fresh()) {
            // given three requests, two approved and one denied: six events
            threeRequests(t.db());

            // when
            Result r = audit(t.env(), "verify");

            // then
            assertEquals(0, r.exit(), r::toString);
            assertEquals("OK: 6 audit events, chain head " + head(t.db()) + "\n", r.out());
        }
    }

    @Test
    void emptyLogIsOkAtTheGenesisHash() {
        try (TestDatabase t = TestDatabase.fresh()) {
            Result r = audit(t.env(), "verify");

            assertEquals(0, r.exit(), r::toString);
            assertEquals("OK: 0 audit events, chain head " + AuditChain.GENESIS + "\n", r.out());
        }
    }

    @Test
    void eventEditedWithTheTriggerLiftedIsNamedAndExitsWithOne() {
        try (TestDatabase t = TestDatabase.fresh()) {
            // given a superuser who lifts the append-only trigger and rewrites event 3
            threeRequests(t.db());
            t.db().jdbi().useTransaction(h -> {
                h.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
                h.execute("UPDATE audit_event SET detail = 'approved, honest' WHERE seq = 3");
                h.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
            });

            // when
            Result r = audit(t.env(), "verify");

            // then
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.out().startsWith("BROKEN at event 3: "), r::toString);
            assertTrue(r.out().contains("edited"), r::toString);
            assertEquals(1, r.out().lines().count(), r::toString);
        }
    }

    @Test
    void deletedEventIsNamed() {
        try (TestDatabase t = TestDatabase.fresh()) {
            threeRequests(t.db());
            t.db().jdbi().useTransaction(h -> {
                h.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete");
                h.execute("DELETE FROM audit_event WHERE seq = 4");
                h.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete");
            });

            Result r = audit(t.env(), "verify");

            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.out().startsWith("BROKEN at event 4: ") && r.out().contains("missing"), r::toString);
        }
    }

    @Test
    void withoutDatabaseUrlTheEmbeddedDatabaseInKeybotDataDirIsUsed(@TempDir Path dir) {
        // given an embedded database in KEYBOT_DATA_DIR that a serve left behind with six events
        Path dataDir = dir.resolve("data");
        try (Database db = Database.open(Optional.empty(), dataDir)) {
            threeRequests(db);
        }

        // when nothing but KEYBOT_DATA_DIR is set
        Result r = audit(Map.of("KEYBOT_DATA_DIR", dataDir.toString()), "verify");

        // then
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("OK: 6 audit events, chain head "), r::toString);
        assertTrue(Files.isDirectory(dataDir));
    }

    static void threeRequests(Database db) {
        var store = new PostgresRequestStore(db.jdbi());
        for (int i = 0; i < 3; i++) {
            KeyRequest r = store.create(Submission.of(
                    new Draft("USTEVE", PRODUCTION.ref(), "key_" + i, "reason " + i, null),
                    PRODUCTION,
                    at("2026-11-26T10:00:00Z").plusSeconds(i)));
            store.move(
                    i == 2
                            ? Transition.denial(r, "UADMIN1", "no", at("2026-11-26T10:00:10Z"))
                            : Transition.approval(r, "UADMIN1", at("2026-11-26T10:00:10Z")));
        }
    }

    private static String head(Database db) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT hash FROM audit_head WHERE id = 1")
                        .mapTo(String.class)
                        .one());
    }
}
