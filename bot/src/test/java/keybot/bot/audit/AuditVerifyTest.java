package keybot.bot.audit;

import static keybot.bot.audit.AuditCli.at;
import static keybot.bot.audit.AuditCli.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import keybot.approvals.AuditChain;
import keybot.bot.audit.AuditCli.Result;
import keybot.bot.audit.AuditCli.TestDatabase;
import keybot.db.Database;
import keybot.db.PostgresRequestStore;
import keybot.db.TestAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            edited  | UPDATE audit_event SET detail = 'approved, honest' WHERE seq = 3 | 3
            missing | DELETE FROM audit_event WHERE seq = 4                             | 4
            """)
    void eventChangedWithTheTriggerLiftedIsNamedAndExitsWithOne(String how, String sql, int seq) {
        try (TestDatabase t = TestDatabase.fresh()) {
            // given a superuser who lifts the append-only trigger and changes an event
            threeRequests(t.db());
            TestAudit.asSuperuser(t.db(), sql);

            // when
            Result r = audit(t.env(), "verify");

            // then
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.out().startsWith("BROKEN at event " + seq + ": "), r::toString);
            assertTrue(r.out().contains(how), r::toString);
            assertEquals(1, r.out().lines().count(), r::toString);
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
        TestAudit.threeRequests(new PostgresRequestStore(db.jdbi()), at("2026-11-26T10:00:00Z"));
    }

    private static String head(Database db) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT hash FROM audit_head WHERE id = 1")
                        .mapTo(String.class)
                        .one());
    }
}
