package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import keybot.approvals.Draft;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.RequestStore;
import keybot.approvals.State;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several approvals per request, and timers that fire once however many replicas look. */
class ApprovalsAndTimersStoreTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Project TWO_OF_THREE = new Project("production", "abcdefghijklmnopqrst",
            Set.of("UA", "UB", "UC"), Set.of(), 2, false, Set.of(), Set.of(), null, Duration.ofHours(24),
            Duration.ofHours(4), null);

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

    static KeyRequest newRequest() {
        return store.create(new Draft("USTEVE", TWO_OF_THREE.ref(), "two_approvers", "why", null), TWO_OF_THREE, T0);
    }

    @Test
    void theSecondDistinctApprovalApprovesAndTheSameApproverCountsOnce() {
        // given
        KeyRequest request = newRequest();
        // when
        var first = store.addApproval(request.id(), "UA", 2, T0.plusSeconds(1));
        var again = store.addApproval(request.id(), "UA", 2, T0.plusSeconds(2));
        var second = store.addApproval(request.id(), "UB", 2, T0.plusSeconds(3));
        var late = store.addApproval(request.id(), "UC", 2, T0.plusSeconds(4));
        // then
        assertEquals(State.PENDING, first.orElseThrow().state());
        assertEquals(List.of("UA"), first.get().approvals());
        assertTrue(again.isEmpty());
        assertEquals(State.APPROVED, second.orElseThrow().state());
        assertEquals(List.of("UA", "UB"), second.get().approvals());
        assertTrue(late.isEmpty());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVAL, EventType.APPROVED), types(request.id()));
    }

    @Test
    void concurrentApprovalsByDifferentApproversApproveExactlyOnce() throws Exception {
        // given
        KeyRequest request = newRequest();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> clicks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String approver = List.of("UA", "UB", "UC").get(i % 3);
            clicks.add(pool.submit(() -> {
                go.await();
                return store.addApproval(request.id(), approver, 2, T0);
            }));
        }
        // when
        go.countDown();
        for (Future<?> click : clicks) {
            click.get();
        }
        pool.shutdown();
        // then
        assertEquals(State.APPROVED, store.find(request.id()).orElseThrow().state());
        assertEquals(1, types(request.id()).stream().filter(t -> t == EventType.APPROVED).count());
        assertEquals(1, types(request.id()).stream().filter(t -> t == EventType.APPROVAL).count());
    }

    @Test
    void remindersComeSpacedAtMostThreeTimesThenTheRequestExpires() {
        // given a request created at T0: reminders due at +4h, +8h, +12h; expiry at +24h
        KeyRequest request = newRequest();
        // then
        assertEquals(List.of(), fired(T0.plus(Duration.ofHours(3)), request));
        assertEquals(List.of(EventType.REMINDED), fired(T0.plus(Duration.ofHours(4)), request));
        assertEquals(List.of(), fired(T0.plus(Duration.ofHours(5)), request));
        assertEquals(List.of(EventType.REMINDED), fired(T0.plus(Duration.ofHours(8)), request));
        assertEquals(List.of(EventType.REMINDED), fired(T0.plus(Duration.ofHours(12)), request));
        assertEquals(List.of(), fired(T0.plus(Duration.ofHours(20)), request), "three reminders at most");
        assertEquals(List.of(EventType.EXPIRED), fired(T0.plus(Duration.ofHours(24)), request));
        assertEquals(State.EXPIRED, store.find(request.id()).orElseThrow().state());
        assertEquals(List.of(), fired(T0.plus(Duration.ofHours(30)), request), "an expired request is left alone");
    }

    @Test
    void replicasLookingAtOnceFireEachTimerOnce() throws Exception {
        // given ten requests whose first reminder is due
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(newRequest().id());
        }
        Instant due = T0.plus(Duration.ofHours(4));
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<RequestStore.TimerOutcome>>> looks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            looks.add(replicas.submit(() -> {
                go.await();
                return store.fireDueTimers(due, 3, 100);
            }));
        }
        // when
        go.countDown();
        List<Long> reminded = new ArrayList<>();
        for (var look : looks) {
            look.get().stream().filter(o -> ids.contains(o.request().id())).forEach(o -> reminded.add(o.request().id()));
        }
        replicas.shutdown();
        // then
        assertEquals(10, reminded.size());
        assertEquals(10, reminded.stream().distinct().count(), "no request reminded twice");
    }

    private static List<EventType> fired(Instant now, KeyRequest request) {
        return store.fireDueTimers(now, 3, 1000).stream().filter(o -> o.request().id() == request.id())
                .map(RequestStore.TimerOutcome::what).toList();
    }

    private static List<EventType> types(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT type FROM audit_event WHERE request_id = :id ORDER BY seq")
                .bind("id", id).mapTo(EventType.class).list());
    }
}
