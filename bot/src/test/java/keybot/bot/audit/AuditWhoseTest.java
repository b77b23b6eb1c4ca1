package keybot.bot.audit;

import static keybot.bot.audit.AuditCli.PRODUCTION;
import static keybot.bot.audit.AuditCli.at;
import static keybot.bot.audit.AuditCli.audit;
import static keybot.bot.audit.AuditCli.auditWithInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Secret;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import keybot.bot.audit.AuditCli.Result;
import keybot.bot.audit.AuditCli.TestDatabase;
import keybot.db.PostgresRequestStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One database for the class: a key that was requested, approved, created and delivered. */
class AuditWhoseTest {

    static final String KEY = "sb_secret_qwxyzkLmNoPqRsTuVwXyZ0123456789";
    static final String HINT = "qwxyzk";
    static TestDatabase t;
    static long requestId;

    @BeforeAll
    static void deliveredKey() {
        t = TestDatabase.fresh();
        var store = new PostgresRequestStore(t.db().jdbi());
        KeyRequest r = store.create(Submission.of(
                new Draft("USTEVE", PRODUCTION.ref(), "billing_worker", "invoices", null),
                PRODUCTION,
                at("2026-11-26T09:00:00Z")));
        requestId = r.id();
        store.move(Transition.approval(store.find(r.id()).orElseThrow(), "UADMIN1", at("2026-11-26T09:05:00Z")));
        store.move(Transition.keyCreated(
                store.find(r.id()).orElseThrow(), new Secret(KEY).identify("key-id-7"), at("2026-11-26T09:05:02Z")));
        store.move(Transition.delivered(store.find(r.id()).orElseThrow(), at("2026-11-26T09:05:03Z")));
    }

    @AfterAll
    static void close() {
        t.close();
    }

    @Test
    void foundKeyNamesItsRequestRequesterAndApproverButNeverTheKey() {
        // when an auditor pastes a key found in a public repository
        Result r = auditWithInput(t.env(), KEY + "\n", "whose");

        // then
        assertEquals(0, r.exit(), r::toString);
        String report = r.out();
        assertTrue(report.startsWith("Key request #" + requestId + "\n"), report);
        for (String expected : new String[] {
            "production (abcdefghijklmnopqrst)",
            "billing_worker",
            "key-id-7",
            "Requested by:    USTEVE",
            "Approved by:     UADMIN1 at 2026-11-26T09:05:00Z",
            "Requested at:    2026-11-26T09:00:00Z",
            "Key created at:  2026-11-26T09:05:02Z",
            "Delivered at:    2026-11-26T09:05:03Z",
            "State:           DELIVERED",
            "2026-11-26T09:05:00Z  APPROVED     UADMIN1",
            "DELIVERED"
        }) {
            assertTrue(report.contains(expected), () -> expected + " missing in:\n" + report);
        }
        assertFalse(report.contains(KEY) || r.err().contains(KEY), r::toString);
        assertFalse(report.contains(HINT) || r.err().contains(HINT), r::toString);
    }

    @Test
    void whitespaceAroundTheKeyIsIgnored() {
        Result r = auditWithInput(t.env(), "\n\n   " + KEY + " \t\r\n", "whose");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("Key request #" + requestId), r::toString);
    }

    @Test
    void unknownKeyIsNotFoundAndExitsWithOne() {
        Result r = auditWithInput(t.env(), "sb_secret_someoneelseskey0123456789\n", "whose");

        assertEquals(1, r.exit(), r::toString);
        assertEquals("No key request matches that key.\n", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "  \n\t\n", "two words\n"})
    void noKeyOrMoreThanOneWordIsExplainedAndExitsWithTwo(String input, @org.junit.jupiter.api.io.TempDir Path dir) {
        // given no DATABASE_URL, so opening the database would create the data directory
        Path dataDir = dir.resolve("data");

        // when
        Result r = auditWithInput(java.util.Map.of("KEYBOT_DATA_DIR", dataDir.toString()), input, "whose");

        // then
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("keybot audit: "), r::toString);
        assertFalse(Files.exists(dataDir), "the database was opened");
    }

    @Test
    void keyGivenAsAnArgumentIsRefusedWithoutRepeatingItAndStdinIsNotRead() {
        // given
        InputStream untouchable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new AssertionError("standard input was read");
            }
        };

        // when
        Result r = audit(t.env(), untouchable, "whose", KEY);

        // then
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("standard input"), r::toString);
        assertFalse(r.err().contains(HINT), r::toString);
    }
}
