package keybot.db;

import java.time.Instant;
import java.util.Optional;
import keybot.approvals.EffectQueue;
import keybot.approvals.KeyRequest;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Claiming and settling the effects owed: the hot path, so a DAO of its own with no more methods than it needs
 * (Jdbi builds an on-demand DAO anew for every call). Times come from the caller's clock, so every replica and every
 * test agree on "due".
 */
interface EffectDao {

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

    /** The request's first effect, if it is due and free: a look up by the request, not a walk of the queue. */
    @SqlQuery("""
            WITH claimed AS (
                UPDATE effect SET locked_until = :leaseUntil, attempts = attempts + 1
                 WHERE id = (SELECT min(id) FROM effect WHERE request_id = :requestId)
                   AND (due_at IS NULL OR due_at <= :now)
                   AND (locked_until IS NULL OR locked_until <= :now)
                RETURNING id AS effect_id, request_id AS effect_request_id, kind, about, attempts,
                          EXISTS (SELECT 1 FROM effect l
                                   WHERE l.request_id = effect.request_id AND l.id > effect.id
                                     AND l.kind = effect.kind AND l.about IS NOT DISTINCT FROM effect.about)
                          AS superseded)
            SELECT claimed.*, key_request.* FROM claimed JOIN key_request ON key_request.id = claimed.effect_request_id
            """)
    @RegisterRowMapper(ClaimedEffectMapper.class)
    Optional<EffectQueue.Claimed> claimNextOf(long requestId, Instant now, Instant leaseUntil);

    @SqlUpdate("DELETE FROM effect WHERE id = :id")
    void deleteEffect(long id);

    @SqlUpdate("UPDATE effect SET due_at = :due, locked_until = NULL WHERE id = :id")
    void releaseEffect(long id, Instant due);

    /** The request was posted there: remembered on it, and the effect gone, in one statement. */
    @SqlUpdate("""
            WITH done AS (DELETE FROM effect WHERE id = :effectId)
            UPDATE key_request SET message_channel = :m.channel, message_ts = :m.ts, message_link = :m.link
             WHERE id = :requestId
            """)
    void posted(long effectId, long requestId, @BindMethods("m") KeyRequest.MessageRef message);
}
