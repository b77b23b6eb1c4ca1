package keybot.db;

import java.time.Instant;
import java.util.Optional;
import keybot.approvals.Actors;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditEvent;
import keybot.approvals.Draft;
import keybot.approvals.KeyRequest;
import keybot.approvals.Submission;
import keybot.approvals.Timers;
import keybot.approvals.Transition;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Key requests, written the way the domain decided: a new request, or a move with its audit line, its effects and
 * the delivery it starts, each in one transaction.
 */
@RegisterRowMapper(KeyRequestMapper.class)
@RegisterRowMapper(AuditEventMapper.class)
public interface RequestDao extends RequestReads, AuditLog, EffectInserts {

    @SqlQuery("""
            INSERT INTO key_request (requester, project_name, project_ref, key_name, reason, description, state,
                                     created_at, updated_at, rules, expires_at, next_reminder_at, reminders_sent)
            VALUES (:d.requester, :projectName, :d.projectRef, :d.keyName, :d.reason, :d.description, 'PENDING',
                    :at, :at, CAST(:rules AS jsonb), :t.expiresAt, :t.nextReminderAt, :t.remindersSent)
            RETURNING *
            """)
    KeyRequest insert(
            @BindMethods("d") Draft draft,
            String projectName,
            String rules,
            @BindMethods("t") Timers timers,
            Instant at);

    /** Writes what the move left, only while the request is at the version the move was decided on. */
    @SqlQuery("""
            UPDATE key_request
               SET state = :r.state, updated_at = :r.updatedAt, version = :r.version,
                   decided_by = :r.decidedBy, decided_at = :r.decidedAt, decision_note = :r.decisionNote,
                   approvals = CAST(:r.approvals AS text[]),
                   key_id = :r.keyId, key_sha256 = :r.keySha256, key_hint = :r.keyHint,
                   failure = :r.failure, problem = NULL,
                   expires_at = :r.expiresAt, next_reminder_at = :r.nextReminderAt,
                   reminders_sent = :r.remindersSent
             WHERE id = :id AND version = :fromVersion
            RETURNING *
            """)
    Optional<KeyRequest> update(long id, int fromVersion, @BindMethods("r") MovedRow row);

    /** A Retry may find the failed delivery's job still there: it is replaced. */
    @SqlUpdate("""
            INSERT INTO delivery_job (request_id, due_at, first_delivery) VALUES (:id, :at, :first)
            ON CONFLICT (request_id) DO UPDATE
                SET due_at = :at, attempts = 0, locked_until = NULL, first_delivery = :first
            """)
    void enqueue(long id, Instant at, boolean first);

    @SqlQuery("""
            UPDATE key_request SET message_channel = :m.channel, message_ts = :m.ts, message_link = :m.link
             WHERE id = :id
            RETURNING *
            """)
    Optional<KeyRequest> attachMessage(long id, @BindMethods("m") KeyRequest.MessageRef message);

    @SqlUpdate("DELETE FROM effect WHERE id = :id")
    void deleteEffect(long id);

    /** An effect given up: gone, and why recorded in its request's history, in one transaction. */
    @Transaction
    default void dropEffect(long effectId, AuditEvent why) {
        deleteEffect(effectId);
        find(why.requestId()).ifPresent(request -> append(why, request, Actors.KEYBOT));
    }

    /** Rules for the project's requests stored before requests kept their own. */
    @SqlUpdate("UPDATE key_request SET rules = CAST(:rules AS jsonb) WHERE project_ref = :projectRef AND rules IS NULL")
    int adoptRules(String projectRef, String rules);

    @Transaction
    default KeyRequest create(Submission s, String requesterName) {
        KeyRequest request =
                insert(s.draft(), s.projectName(), RulesJson.write(s.rules()), s.timers(), AuditChain.storable(s.at()));
        append(s.event(request.id()), request, requesterName);
        owe(request.id(), Submission.EFFECTS);
        return request;
    }

    @Transaction
    default Optional<KeyRequest> move(Transition t, String actorName) {
        Optional<KeyRequest> moved = update(t.requestId(), t.before().version(), MovedRow.of(t.after()));
        moved.ifPresent(request -> {
            append(t.event(), request, actorName);
            owe(request.id(), t.effects());
            if (t.delivery() != Transition.Delivery.NONE) {
                enqueue(request.id(), t.event().at(), t.delivery() == Transition.Delivery.FIRST);
            }
        });
        return moved;
    }
}
