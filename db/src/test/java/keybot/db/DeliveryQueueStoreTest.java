package keybot.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import keybot.approvals.DeliveryQueue.Job;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.State;
import keybot.approvals.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which claims are untried: only the first claim of a job the first approval queued. */
class DeliveryQueueStoreTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Project PRODUCTION = new Project("production", "abcdefghijklmnopqrst", Set.of("UADMIN1"), 1);

    Database db;
    PostgresRequestStore store;

    /** A database per test: a claim takes whichever job is due, whoever queued it. */
    @BeforeEach
    void freshDatabase() {
        db = TestPostgres.freshDatabase();
        store = new PostgresRequestStore(db.jdbi());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long approved() {
        KeyRequest request = store.create(new Draft("USTEVE", PRODUCTION.ref(), "billing_worker", "Nightly", null),
                PRODUCTION, T0);
        store.move(request.id(), Transition.approve("UADMIN1", T0)).orElseThrow();
        return request.id();
    }

    private Optional<Job> claimAt(Instant now) {
        return store.claim(now, now.plus(LEASE));
    }

    /** The first delivery failed at once, its job kept or finished; an approver retries. */
    private void failedAndRetried(long id, boolean jobKept) {
        claimAt(T0).orElseThrow();
        store.move(id, Transition.failed(State.APPROVED, "Supabase refused", T0)).orElseThrow();
        if (jobKept) {
            store.retryAt(id, T0.plusSeconds(1), null);
        } else {
            store.finish(id);
        }
        store.move(id, Transition.retry("UADMIN1", T0.plusSeconds(2))).orElseThrow();
    }

    @Test
    void theFirstApprovalsJobIsUntriedOnItsFirstClaimOnly() {
        // given
        long id = approved();
        // when
        var first = claimAt(T0);
        var afterTheLease = claimAt(T0.plus(LEASE));
        // then
        assertEquals(Optional.of(new Job(id, 1, true)), first);
        assertEquals(Optional.of(new Job(id, 2, false)), afterTheLease, "the first run may have made the key");
    }

    @Test
    void aJobReleasedForLaterIsNotUntriedAgain() {
        // given
        long id = approved();
        claimAt(T0).orElseThrow();
        store.retryAt(id, T0.plusSeconds(1), "Supabase did not answer in time");
        // when
        var again = claimAt(T0.plusSeconds(1));
        // then
        assertEquals(Optional.of(new Job(id, 2, false)), again);
    }

    @Test
    void theApprovalThatCompletesSeveralIsTheFirst() {
        // given
        KeyRequest request = store.create(new Draft("USTEVE", PRODUCTION.ref(), "two_approvers", "Nightly", null),
                PRODUCTION, T0);
        store.addApproval(request.id(), "UADMIN1", 2, T0).orElseThrow();
        store.addApproval(request.id(), "UADMIN2", 2, T0).orElseThrow();
        // when
        var first = claimAt(T0);
        // then
        assertEquals(Optional.of(new Job(request.id(), 1, true)), first);
    }

    @Test
    void aRetriedJobIsNeverUntried() {
        // given
        long id = approved();
        failedAndRetried(id, false);
        // when
        var retried = claimAt(T0.plusSeconds(2));
        // then
        assertEquals(Optional.of(new Job(id, 1, false)), retried, "the failed run may have made the key");
    }

    @Test
    void aRetryThatReplacesTheKeptJobIsNotUntriedEither() {
        // given
        long id = approved();
        failedAndRetried(id, true);
        // when
        var retried = claimAt(T0.plusSeconds(2));
        // then
        assertEquals(Optional.of(new Job(id, 1, false)), retried);
    }

    @Test
    void aJobQueuedBeforeTheColumnExistedIsNotUntried() {
        // given a row as V2 to V7 wrote it
        KeyRequest request = store.create(new Draft("USTEVE", PRODUCTION.ref(), "old_job", "Nightly", null),
                PRODUCTION, T0);
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO delivery_job (request_id, due_at) VALUES (:id, :at)")
                .bind("id", request.id()).bind("at", T0).execute());
        // when
        var claimed = claimAt(T0);
        // then
        assertEquals(Optional.of(new Job(request.id(), 1, false)), claimed);
    }
}
