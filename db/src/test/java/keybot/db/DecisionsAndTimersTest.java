package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import keybot.approvals.Draft;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.KeyRequests;
import keybot.approvals.PendingTimers;
import keybot.approvals.Policy;
import keybot.approvals.Project;
import keybot.approvals.Refusal;
import keybot.approvals.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The domain's decisions and timers over the real PostgreSQL store: several approvals per request, racing clicks
 * that the conditional moves settle, and timers that fire once however many replicas look.
 */
class DecisionsAndTimersTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Project TWO_OF_THREE = new Project(
            "production",
            "abcdefghijklmnopqrst",
            Set.of("UA", "UB", "UC"),
            Set.of(),
            2,
            false,
            Set.of(),
            Set.of(),
            null,
            Duration.ofHours(24),
            Duration.ofHours(4),
            null);
    static final Policy POLICY = new Policy(List.of(TWO_OF_THREE));

    Database db;
    PostgresRequestStore store;

    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.freshDatabase();
        store = new PostgresRequestStore(db.jdbi());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private KeyRequests at(Instant now) {
        return new KeyRequests(store, POLICY, Clock.fixed(now, ZoneOffset.UTC));
    }

    private KeyRequest newRequest() {
        return at(T0).submit(new Draft("USTEVE", TWO_OF_THREE.ref(), "two_approvers", "why", null));
    }

    @Test
    void theSecondDistinctApprovalApprovesAndTheSameApproverCountsOnce() {
        // given
        KeyRequest request = newRequest();
        // when
        var first = at(T0.plusSeconds(1)).approve(request.id(), "UA");
        var again = assertThrows(Refusal.class, () -> at(T0.plusSeconds(2)).approve(request.id(), "UA"));
        var second = at(T0.plusSeconds(3)).approve(request.id(), "UB");
        var late = assertThrows(Refusal.class, () -> at(T0.plusSeconds(4)).approve(request.id(), "UC"));
        // then
        assertEquals(State.PENDING, first.state());
        assertEquals(List.of("UA"), first.approvals());
        assertEquals(Refusal.Reason.ALREADY_APPROVED_BY_YOU, again.reason());
        assertEquals(State.APPROVED, second.state());
        assertEquals(List.of("UA", "UB"), second.approvals());
        assertEquals(Refusal.Reason.ALREADY_DECIDED, late.reason());
        assertEquals(List.of(EventType.REQUESTED, EventType.APPROVAL, EventType.APPROVED), types(request.id()));
    }

    @Test
    void concurrentApprovalsByDifferentApproversApproveExactlyOnce() throws Exception {
        // given
        KeyRequest request = newRequest();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> clicks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String approver = List.of("UA", "UB", "UC").get(i % 3);
            clicks.add(pool.submit(() -> {
                go.await();
                try {
                    return at(T0).approve(request.id(), approver).state().name();
                } catch (Refusal refusal) {
                    return refusal.reason().name();
                }
            }));
        }
        // when
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> click : clicks) {
            outcomes.add(click.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        // then
        assertEquals(State.APPROVED, store.find(request.id()).orElseThrow().state());
        assertEquals(
                1,
                types(request.id()).stream()
                        .filter(t -> t == EventType.APPROVED)
                        .count(),
                outcomes.toString());
        assertEquals(
                1,
                types(request.id()).stream()
                        .filter(t -> t == EventType.APPROVAL)
                        .count(),
                outcomes.toString());
        assertEquals(
                2,
                outcomes.stream()
                        .filter(o -> o.equals("PENDING") || o.equals("APPROVED"))
                        .count(),
                outcomes.toString());
    }

    @Test
    void remindersComeSpacedAtMostThreeTimesThenTheRequestExpires() {
        // given a request created at T0: reminders due at +4h, +8h, +12h; expiry at +24h
        KeyRequest request = newRequest();
        // then
        assertEquals(List.of(), firedAt(T0.plus(Duration.ofHours(3)), request));
        assertEquals(List.of(EventType.REMINDED), firedAt(T0.plus(Duration.ofHours(4)), request));
        assertEquals(List.of(), firedAt(T0.plus(Duration.ofHours(5)), request));
        assertEquals(List.of(EventType.REMINDED), firedAt(T0.plus(Duration.ofHours(8)), request));
        assertEquals(List.of(EventType.REMINDED), firedAt(T0.plus(Duration.ofHours(12)), request));
        assertEquals(List.of(), firedAt(T0.plus(Duration.ofHours(20)), request), "three reminders at most");
        assertEquals(List.of(EventType.EXPIRED), firedAt(T0.plus(Duration.ofHours(24)), request));
        assertEquals(State.EXPIRED, store.find(request.id()).orElseThrow().state());
        assertEquals(List.of(), firedAt(T0.plus(Duration.ofHours(30)), request), "an expired request is left alone");
    }

    @Test
    void replicasLookingAtOnceFireEachTimerOnce() throws Exception {
        // given ten requests whose first reminder is due
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(newRequest().id());
        }
        Clock due = Clock.fixed(T0.plus(Duration.ofHours(4)), ZoneOffset.UTC);
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> looks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            looks.add(replicas.submit(() -> {
                go.await();
                return new PendingTimers(store, due).fireDue();
            }));
        }
        // when
        go.countDown();
        for (var look : looks) {
            look.get(30, TimeUnit.SECONDS);
        }
        replicas.shutdown();
        // then
        for (long id : ids) {
            assertEquals(List.of(EventType.REQUESTED, EventType.REMINDED), types(id), "request #" + id);
        }
    }

    /** The events the timers added to the request when they fired at {@code now}. */
    private List<EventType> firedAt(Instant now, KeyRequest request) {
        int before = types(request.id()).size();
        new PendingTimers(store, Clock.fixed(now, ZoneOffset.UTC)).fireDue();
        List<EventType> all = types(request.id());
        return all.subList(before, all.size());
    }

    private List<EventType> types(long id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT type FROM audit_event WHERE request_id = :id ORDER BY seq")
                        .bind("id", id)
                        .mapTo(EventType.class)
                        .list());
    }
}
