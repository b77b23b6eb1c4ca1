package keybot.db;

import java.time.Instant;
import java.util.Optional;
import keybot.approvals.Actors;
import keybot.approvals.AuditEvent;
import keybot.approvals.EffectQueue;
import keybot.approvals.KeyRequest;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The effects owed. Times come from the caller's clock, so every replica and every test agree on "due". */
@RegisterRowMapper(KeyRequestMapper.class)
@RegisterRowMapper(AuditEventMapper.class)
interface EffectDao extends RequestReads, AuditLog, EffectInserts {

    /**
     * Only the oldest effect of a request may be claimed, so a request's effects run one at a time and in order;
     * SKIP LOCKED lets replicas claim different requests' effects side by side. {@code superseded}: a later effect
     * of the request does the same again. The request comes with it, read in the same statement.
     */
    @SqlQuery("""
            WITH claimed AS (
                UPDATE effect SET locked_until = :leaseUntil, attempts = attempts + 1
                 WHERE id = (
                       SELECT e.id FROM effect e
                        WHERE (e.due_at IS NULL OR e.due_at <= :now)
                          AND (e.locked_until IS NULL OR e.locked_until <= :now)
                          AND NOT EXISTS (SELECT 1 FROM effect b WHERE b.request_id = e.request_id AND b.id < e.id)
                        ORDER BY e.due_at NULLS FIRST, e.id
                        LIMIT 1
                          FOR UPDATE SKIP LOCKED)
                RETURNING id AS effect_id, request_id AS effect_request_id, kind, about, attempts,
                          EXISTS (SELECT 1 FROM effect l
                                   WHERE l.request_id = effect.request_id AND l.id > effect.id
                                     AND l.kind = effect.kind AND l.about IS NOT DISTINCT FROM effect.about)
                          AS superseded)
            SELECT claimed.*, key_request.* FROM claimed JOIN key_request ON key_request.id = claimed.effect_request_id
            """)
    @RegisterRowMapper(ClaimedEffectMapper.class)
    Optional<EffectQueue.Claimed> claimEffect(Instant now, Instant leaseUntil);

    @SqlUpdate("DELETE FROM effect WHERE id = :id")
    void deleteEffect(long id);

    @SqlUpdate("UPDATE effect SET due_at = :due, locked_until = NULL WHERE id = :id")
    void releaseEffect(long id, Instant due);

    @SqlQuery("""
            UPDATE key_request SET message_channel = :m.channel, message_ts = :m.ts, message_link = :m.link
             WHERE id = :id
            RETURNING *
            """)
    Optional<KeyRequest> attachMessage(long id, @BindMethods("m") KeyRequest.MessageRef message);

    @Transaction
    default void posted(long effectId, long requestId, KeyRequest.MessageRef message) {
        attachMessage(requestId, message);
        deleteEffect(effectId);
    }

    @Transaction
    default void dropped(long effectId, AuditEvent why) {
        deleteEffect(effectId);
        find(why.requestId()).ifPresent(request -> append(why, request, Actors.KEYBOT));
    }
}
