package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import keybot.approvals.AuditEvent;
import keybot.approvals.DeliveryQueue;
import keybot.approvals.Draft;
import keybot.approvals.EffectQueue;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.Rules;
import keybot.approvals.State;
import keybot.approvals.Submission;
import keybot.approvals.Transition;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store can show: its constraints, its transactions, and rows older than its code. */
class PostgresRequestStoreTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Project PRODUCTION = new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1"), 1);
    static final Project STAGING = new Project("staging", "stagingprojectrefabc", Set.of("UADMIN2"), 1);

    static Database db;
    static PostgresRequestStore store;

    @BeforeAll
    static void freshDatabase() {
        db = TestPostgres.freshDatabase();
        store = new PostgresRequestStore(db.jdbi());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static KeyRequest newRequest(Project project, String keyName) {
        return store.create(
                Submission.of(new Draft("USTEVE", project.ref(), keyName, "Nightly billing job", null), project, T0));
    }

    @Test
    void aMoveIsRolledBackWholeWhenItsEventCannotBeWritten() {
        // given: an event without an actor violates the audit table's NOT NULL
        KeyRequest request = newRequest(PRODUCTION, "rolled_back");
        Transition approval = Transition.approval(request, "UADMIN1", T0);
        var broken = new Transition(
                request,
                approval.after(),
                new AuditEvent(request.id(), EventType.APPROVED, null, T0, null),
                approval.effects(),
                approval.delivery());
        // when
        assertThrows(UnableToExecuteStatementException.class, () -> store.move(broken));
        // then
        KeyRequest after = store.find(request.id()).orElseThrow();
        assertEquals(request, after);
        assertEquals(List.of(EventType.REQUESTED), eventTypes(request.id()));
        assertEquals(0, count("SELECT count(*) FROM delivery_job WHERE request_id = " + request.id()));
        assertEquals(
                2,
                count("SELECT count(*) FROM effect WHERE request_id = " + request.id()),
                "the submission's effects only");
    }

    @Test
    void auditEventsCannotBeUpdatedDeletedOrTruncated() {
        // given
        newRequest(PRODUCTION, "append_only");
        // then
        for (String sql : List.of(
                "UPDATE audit_event SET actor = 'someone_else'",
                "DELETE FROM audit_event",
                "TRUNCATE audit_event CASCADE")) {
            var e = assertThrows(RuntimeException.class, () -> db.jdbi().useHandle(h -> h.execute(sql)), sql);
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
    }

    @Test
    void keyFingerprintColumnAcceptsOnlyAHash() {
        // given
        KeyRequest approved = store.move(Transition.approval(newRequest(PRODUCTION, "hash_only"), "UADMIN1", T0))
                .orElseThrow();
        var notAHash = new KeyRequest.IssuedKey("id", "sb_secret_AbCdEfGhIjKlMnOpQrStUvWxYz012345", "AbCdEf");
        // then
        assertThrows(RuntimeException.class, () -> store.move(Transition.keyCreated(approved, notAHash, T0)));
        assertEquals(State.APPROVED, store.find(approved.id()).orElseThrow().state());
    }

    @Test
    void keyIdentityAndFailureAreRecorded() {
        // given
        KeyRequest approved = store.move(Transition.approval(newRequest(PRODUCTION, "recorded"), "UADMIN1", T0))
                .orElseThrow();
        var key = new KeyRequest.IssuedKey("22222222-2222-4222-8222-222222222222", "a".repeat(64), "AbCdEf");
        // when
        KeyRequest created = store.move(Transition.keyCreated(approved, key, T0.plusSeconds(1)))
                .orElseThrow();
        KeyRequest failed =
                store.move(Transition.failed(created, "DM failed", T0)).orElseThrow();
        // then
        assertEquals(key, failed.issuedKey().orElseThrow());
        assertEquals("DM failed", failed.failureReason().orElseThrow());
        assertEquals(State.FAILED, failed.state());
        assertEquals(Optional.of(failed), store.find(approved.id()));
    }

    @Test
    void aMissingRequestIsNotFoundAndNotMoved() {
        // given
        KeyRequest missing = Submission.of(
                        new Draft("USTEVE", PRODUCTION.ref(), "never_stored", "why", null), PRODUCTION, T0)
                .asRequest(999_999);
        // then
        assertEquals(Optional.empty(), store.find(999_999));
        assertEquals(Optional.empty(), store.move(Transition.approval(missing, "UADMIN1", T0)));
    }

    @Test
    void requestsStoredBeforeRequestsKeptRulesAdoptTheirProjectsRulesOnce() {
        // given two requests as an older keybot stored them, without rules
        KeyRequest production = newRequest(PRODUCTION, "legacy_production");
        KeyRequest staging = newRequest(STAGING, "legacy_staging");
        db.jdbi()
                .useHandle(h -> h.execute(
                        "UPDATE key_request SET rules = NULL WHERE id IN (?, ?)", production.id(), staging.id()));
        assertEquals(Rules.NOBODY, store.find(production.id()).orElseThrow().rules(), "nobody may decide them yet");
        // when
        int adopted = store.adoptRules(PRODUCTION);
        int again = store.adoptRules(PRODUCTION);
        // then
        assertEquals(1, adopted);
        assertEquals(0, again);
        assertEquals(
                PRODUCTION.rules(), store.find(production.id()).orElseThrow().rules());
        assertEquals(Rules.NOBODY, store.find(staging.id()).orElseThrow().rules(), "another project's are left");
    }

    @Test
    void aJobQueuedBeforeTheFirstDeliveryColumnExistedIsNotUntried() {
        // given a row as V2 to V7 wrote it, alone in its database (a claim takes whichever job is due)
        Database own = TestPostgres.freshDatabase();
        try {
            var ownStore = new PostgresRequestStore(own.jdbi());
            KeyRequest request = ownStore.create(
                    Submission.of(new Draft("USTEVE", PRODUCTION.ref(), "old_job", "Nightly", null), PRODUCTION, T0));
            own.jdbi()
                    .useHandle(h -> h.createUpdate("INSERT INTO delivery_job (request_id, due_at) VALUES (:id, :at)")
                            .bind("id", request.id())
                            .bind("at", T0)
                            .execute());
            // when
            var claimed = ownStore.deliveries().claim(T0, T0.plusSeconds(60));
            // then
            assertEquals(Optional.of(new DeliveryQueue.Job(request.id(), 1, false)), claimed);
        } finally {
            own.close();
        }
    }

    @Test
    void rulesAreKeptWholeWithTheirDurationsGroupsAndChannel() {
        // given
        Project detailed = new Project(
                "detailed",
                "detailedprojectrefab",
                Set.of("UA", "UB"),
                Set.of("S0OPS"),
                2,
                true,
                Set.of("UC"),
                Set.of(),
                "Which service?",
                Duration.ofMinutes(90),
                Duration.ofSeconds(45),
                "C0DETAILED");
        // when
        KeyRequest request = newRequest(detailed, "detailed_rules");
        // then
        assertEquals(detailed.rules(), store.find(request.id()).orElseThrow().rules());
    }

    @Test
    void replicasClaimingEffectsAtOnceTakeEachOnce() throws Exception {
        // given twenty requests, two effects each
        Database own = TestPostgres.freshDatabase();
        try {
            var replicaStore = new PostgresRequestStore(own.jdbi());
            for (int i = 0; i < 20; i++) {
                replicaStore.create(Submission.of(
                        new Draft("USTEVE", PRODUCTION.ref(), "effect_" + i, "why", null), PRODUCTION, T0));
            }
            ExecutorService replicas = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> claims = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                EffectQueue effects = new PostgresRequestStore(own.jdbi()).effects();
                claims.add(replicas.submit(() -> {
                    go.await();
                    List<Long> taken = new ArrayList<>();
                    for (var next = effects.claim(T0, T0.plusSeconds(60));
                            next.isPresent();
                            next = effects.claim(T0, T0.plusSeconds(60))) {
                        taken.add(next.get().id());
                        effects.done(next.get().id());
                    }
                    return taken;
                }));
            }
            // when
            go.countDown();
            List<Long> all = new ArrayList<>();
            for (var claim : claims) {
                all.addAll(claim.get(60, TimeUnit.SECONDS));
            }
            replicas.shutdown();
            // then
            assertEquals(40, all.size());
            assertEquals(40, all.stream().distinct().count(), "no effect was claimed twice");
        } finally {
            own.close();
        }
    }

    private static int count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private static List<EventType> eventTypes(long id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT type FROM audit_event WHERE request_id = :id ORDER BY id")
                        .bind("id", id)
                        .mapTo(EventType.class)
                        .list());
    }
}
