package keybot.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import keybot.approvals.DeliveryQueue;
import keybot.approvals.Effect;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The delivery queue. Times come from the caller's clock, so every replica and every test agree on "due". */
interface JobDao extends EffectInserts {

    /**
     * SKIP LOCKED lets replicas claim side by side without waiting on each other's rows. RETURNING sees the
     * incremented attempts: a first approval's job is untried on its first claim only.
     */
    @SqlQuery("""
            UPDATE delivery_job SET locked_until = :leaseUntil, attempts = attempts + 1
             WHERE request_id = (
                   SELECT request_id FROM delivery_job
                    WHERE due_at <= :now AND (locked_until IS NULL OR locked_until <= :now)
                    ORDER BY due_at
                    LIMIT 1
                      FOR UPDATE SKIP LOCKED)
            RETURNING request_id, attempts, first_delivery AND attempts = 1 AS untried
            """)
    Optional<DeliveryQueue.Job> claimJob(Instant now, Instant leaseUntil);

    /** A released job has been run once, so it is no longer untried, whoever queued it. */
    @SqlUpdate("""
            UPDATE delivery_job SET due_at = :due, locked_until = NULL, first_delivery = false
             WHERE request_id = :id
            """)
    void releaseJob(long id, Instant due);

    @SqlUpdate("UPDATE key_request SET problem = :problem WHERE id = :id")
    void noteProblem(long id, String problem);

    @SqlUpdate("DELETE FROM delivery_job WHERE request_id = :id")
    void deleteJob(long id);

    @Transaction
    default void retryAt(long id, Instant due, String problem, List<Effect> effects) {
        releaseJob(id, due);
        noteProblem(id, problem);
        owe(id, effects);
    }
}
