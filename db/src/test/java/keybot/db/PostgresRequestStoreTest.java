package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import keybot.approvals.Draft;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.State;
import keybot.approvals.Transition;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresRequestStoreTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Project PRODUCTION = new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1"), 1);

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

    static KeyRequest newRequest(String requester) {
        return store.create(new Draft(requester, PRODUCTION.ref(), "billing_worker", "Nightly billing job", null),
                PRODUCTION, T0);
    }

    @Test
    void createdRequestIsPendingWithItsRequestedEvent() {
        // when
        KeyRequest created = newRequest("USTEVE");
        // then
        KeyRequest found = store.find(created.id()).orElseThrow();
        assertEquals(State.PENDING, found.state());
        assertEquals("production", found.projectName());
        assertEquals(T0, found.createdAt());
        var events = store.history(Optional.of("USTEVE"), 50).stream()
                .filter(h -> h.request().id() == created.id()).findFirst().orElseThrow().events();
        assertEquals(1, events.size());
        assertEquals(EventType.REQUESTED, events.get(0).type());
        assertEquals("USTEVE", events.get(0).actor());
    }

    @Test
    void moveAppliesOnlyFromTheExpectedStateAndWritesOneEvent() {
        // given
        KeyRequest request = newRequest("USTEVE");
        // when
        var first = store.move(request.id(), Transition.approve("UADMIN1", T0.plusSeconds(5)));
        var second = store.move(request.id(), Transition.approve("UADMIN2", T0.plusSeconds(6)));
        // then
        assertTrue(first.isPresent());
        assertEquals("UADMIN1", first.get().decided().orElseThrow().by());
        assertTrue(second.isEmpty());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), eventTypes(request.id()));
    }

    @Test
    void keyIdentityAndFailureAreRecorded() {
        // given
        KeyRequest request = newRequest("USTEVE");
        store.move(request.id(), Transition.approve("UADMIN1", T0));
        var key = new KeyRequest.IssuedKey("22222222-2222-4222-8222-222222222222", "a".repeat(64), "AbCdEf");
        // when
        store.move(request.id(), Transition.keyCreated(key, T0.plusSeconds(1)));
        KeyRequest failed = store.move(request.id(), Transition.failed(State.KEY_CREATED, "DM failed", T0))
                .orElseThrow();
        // then
        assertEquals(key, failed.issuedKey().orElseThrow());
        assertEquals("DM failed", failed.failureReason().orElseThrow());
        assertEquals(State.FAILED, failed.state());
    }

    @Test
    void concurrentMovesHaveExactlyOneWinner() throws Exception {
        // given
        KeyRequest request = newRequest("USTEVE");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String approver = "UADMIN" + i;
            results.add(pool.submit(() -> {
                start.await();
                return store.move(request.id(), Transition.approve(approver, T0)).isPresent();
            }));
        }
        // when
        start.countDown();
        int winners = 0;
        for (Future<Boolean> r : results) {
            winners += r.get() ? 1 : 0;
        }
        pool.shutdown();
        // then
        assertEquals(1, winners);
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVED), eventTypes(request.id()));
    }

    @Test
    void stateChangeIsRolledBackWhenItsEventCannotBeWritten() {
        // given: an event without an actor violates the audit table's NOT NULL
        KeyRequest request = newRequest("USTEVE");
        var broken = new Transition(State.PENDING, State.APPROVED, EventType.APPROVED, null, T0, null,
                new KeyRequest.Decision("UADMIN1", T0, null), null, null);
        // when
        assertThrows(UnableToExecuteStatementException.class, () -> store.move(request.id(), broken));
        // then
        KeyRequest after = store.find(request.id()).orElseThrow();
        assertEquals(State.PENDING, after.state());
        assertTrue(after.decided().isEmpty());
        assertEquals(List.of(EventType.REQUESTED), eventTypes(request.id()));
    }

    @Test
    void auditEventsCannotBeUpdatedDeletedOrTruncated() {
        // given
        newRequest("USTEVE");
        // then
        for (String sql : List.of("UPDATE audit_event SET actor = 'someone_else'", "DELETE FROM audit_event",
                "TRUNCATE audit_event CASCADE")) {
            var e = assertThrows(RuntimeException.class, () -> db.jdbi().useHandle(h -> h.execute(sql)), sql);
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
    }

    @Test
    void keyFingerprintColumnAcceptsOnlyAHash() {
        // given
        KeyRequest request = newRequest("USTEVE");
        store.move(request.id(), Transition.approve("UADMIN1", T0));
        var notAHash = new KeyRequest.IssuedKey("id", "sb_secret_AbCdEfGhIjKlMnOpQrStUvWxYz012345", "AbCdEf");
        // then
        assertThrows(RuntimeException.class, () -> store.move(request.id(), Transition.keyCreated(notAHash, T0)));
        assertEquals(State.APPROVED, store.find(request.id()).orElseThrow().state());
    }

    @Test
    void historyIsNewestFirstAndFiltersByRequester() {
        // given
        KeyRequest older = newRequest("UHIST1");
        KeyRequest other = newRequest("UHIST2");
        KeyRequest newer = newRequest("UHIST1");
        // when
        var own = store.history(Optional.of("UHIST1"), 10);
        var all = store.history(Optional.empty(), 2);
        // then
        assertEquals(List.of(newer.id(), older.id()), own.stream().map(h -> h.request().id()).toList());
        assertEquals(List.of(newer.id(), other.id()), all.stream().map(h -> h.request().id()).toList());
        assertFalse(own.get(0).events().isEmpty());
    }

    @Test
    void approvalMessageIsRemembered() {
        KeyRequest request = newRequest("USTEVE");
        assertTrue(request.message().isEmpty());
        KeyRequest attached = store.attachMessage(request.id(),
                new KeyRequest.MessageRef("C0APPROVALS", "1700000000.000100")).orElseThrow();
        assertEquals(new KeyRequest.MessageRef("C0APPROVALS", "1700000000.000100"),
                store.find(request.id()).orElseThrow().message().orElseThrow());
        assertEquals(store.find(request.id()), Optional.of(attached), "the request as stored is returned");
        assertTrue(store.attachMessage(999_999, new KeyRequest.MessageRef("C0APPROVALS", "1.2")).isEmpty());
    }

    @Test
    void unknownRequestIsNotFound() {
        assertTrue(store.find(999_999).isEmpty());
        assertTrue(store.move(999_999, Transition.approve("UADMIN1", T0)).isEmpty());
        assertNull(store.find(999_999).map(KeyRequest::requester).orElse(null));
    }

    @Test
    void aKeyIsTracedToItsRequestEvenAfterARetryReplacedIt() {
        // given a request whose first key went missing, then was retried with a second key
        KeyRequest request = newRequest("UTRACED");
        store.move(request.id(), Transition.approve("UADMIN1", T0));
        var first = new KeyRequest.IssuedKey("key-1", "1".repeat(64), "AAAAAA");
        var second = new KeyRequest.IssuedKey("key-2", "2".repeat(64), "BBBBBB");
        store.move(request.id(), Transition.keyCreated(first, T0));
        store.move(request.id(), Transition.failed(State.KEY_CREATED, "key gone", T0));
        store.move(request.id(), Transition.retry("UADMIN1", T0));
        store.move(request.id(), Transition.keyCreated(second, T0));
        // then both keys lead back to the request
        assertEquals(request.id(), store.byKeySha256("1".repeat(64)).orElseThrow().request().id());
        assertEquals(request.id(), store.byKeySha256("2".repeat(64)).orElseThrow().request().id());
        assertTrue(store.byKeySha256("3".repeat(64)).isEmpty());
    }

    private static List<EventType> eventTypes(long id) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "SELECT type FROM audit_event WHERE request_id = :id ORDER BY id")
                .bind("id", id).mapTo(EventType.class).list());
    }
}
