package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import keybot.approvals.Draft;
import keybot.approvals.Project;
import keybot.approvals.Submission;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @Test
    void embeddedDatabaseKeepsItsDataAcrossRestarts(@TempDir Path dataDir) {
        // given
        var project = new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1"), 1);
        long id;
        try (Database first = Database.open(Optional.empty(), dataDir)) {
            assertTrue(first.description().contains(dataDir.toAbsolutePath().toString()));
            id = new PostgresRequestStore(first.jdbi())
                    .create(Submission.of(
                            new Draft("USTEVE", project.ref(), "billing_worker", "why", null), project, Instant.now()))
                    .id();
        }
        // when
        try (Database second = Database.open(Optional.empty(), dataDir)) {
            // then
            assertTrue(second.isReachable());
            assertEquals(
                    "USTEVE",
                    new PostgresRequestStore(second.jdbi())
                            .find(id)
                            .orElseThrow()
                            .ask()
                            .requester());
        }
    }

    @Test
    void embeddedDatabaseCommitsSynchronously(@TempDir Path dataDir) {
        // the library starts PostgreSQL with synchronous_commit off, which can lose the last commits in a crash
        try (Database db = Database.open(Optional.empty(), dataDir)) {
            assertEquals(
                    "on",
                    db.jdbi()
                            .withHandle(h -> h.createQuery("SHOW synchronous_commit")
                                    .mapTo(String.class)
                                    .one()));
        }
    }

    @Test
    void externalDatabaseIsUsedWhenUrlIsGiven(@TempDir Path unused) {
        String url = TestPostgres.freshJdbcUrl() + "&user=postgres";
        try (Database db = Database.open(Optional.of(url), unused)) {
            assertTrue(db.description().startsWith("external PostgreSQL at localhost:"), db.description());
            assertTrue(db.isReachable());
        }
    }

    @Test
    void isolationLevelIsKnownWithoutAskingAndFollowsAChange() {
        try (Database db = Database.external(new DatabaseUrl(TestPostgres.freshJdbcUrl(), "postgres", null))) {
            // a change through the connection is what the connection then reports, and what the server has
            db.jdbi().useHandle(h -> {
                assertEquals(TransactionIsolationLevel.READ_COMMITTED, h.getTransactionIsolationLevel());
                h.setTransactionIsolationLevel(TransactionIsolationLevel.SERIALIZABLE);
                assertEquals(TransactionIsolationLevel.SERIALIZABLE, h.getTransactionIsolationLevel());
                assertEquals("serializable", showIsolation(h));
            });
            // the pool puts its level back before the connection is lent again
            db.jdbi().useHandle(h -> {
                assertEquals(TransactionIsolationLevel.READ_COMMITTED, h.getTransactionIsolationLevel());
                assertEquals("read committed", showIsolation(h));
            });
        }
    }

    private static String showIsolation(Handle h) {
        return h.createQuery("SHOW TRANSACTION ISOLATION LEVEL")
                .mapTo(String.class)
                .one();
    }

    @Test
    void failingMigrationFailsTheStart() {
        try (Database db = Database.external(new DatabaseUrl(TestPostgres.freshJdbcUrl(), "postgres", null))) {
            assertThrows(FlywayException.class, () -> db.migrate("classpath:db/migration", "classpath:db/broken"));
        }
    }
}
