package keybot.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import keybot.approvals.Actors;
import keybot.approvals.AuditChain;
import keybot.approvals.AuditEvent;
import keybot.approvals.AuditRecord;
import keybot.approvals.Draft;
import keybot.approvals.EventType;
import keybot.approvals.KeyRequest;
import keybot.approvals.Project;
import keybot.approvals.RequestStore;
import keybot.approvals.Transition;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Key requests and their audit events. A state change and its event are always written together. */
@RegisterRowMapper(KeyRequestMapper.class)
@RegisterRowMapper(AuditEventMapper.class)
public interface RequestDao extends RequestReads {

    @SqlQuery("""
            INSERT INTO key_request (requester, project_name, project_ref, key_name, reason, description,
                                     state, created_at, updated_at, expires_at, next_reminder_at, remind_every)
            VALUES (:d.requester, :p.name, :p.ref, :d.keyName, :d.reason, :d.description, 'PENDING', :at, :at,
                    CAST(:at AS timestamptz) + make_interval(secs => :ttlSeconds),
                    CAST(:at AS timestamptz) + make_interval(secs => :remindSeconds),
                    make_interval(secs => :remindSeconds))
            RETURNING *
            """)
    KeyRequest insert(@BindMethods("d") Draft draft, @BindMethods("p") Project project, Instant at,
                      long ttlSeconds, long remindSeconds);

    /** Counts each approver once, and only while the request waits. */
    @SqlQuery("""
            UPDATE key_request SET approvals = array_append(approvals, :approver), updated_at = :at
             WHERE id = :id AND state = 'PENDING' AND NOT (:approver = ANY (approvals))
            RETURNING *
            """)
    Optional<KeyRequest> appendApproval(long id, String approver, Instant at);

    /** Pending requests with a timer due, locked; another replica skips them rather than firing them twice. */
    @SqlQuery("""
            SELECT id, expires_at FROM key_request
             WHERE state = 'PENDING' AND (expires_at <= :now OR next_reminder_at <= :now)
             ORDER BY id
             LIMIT :limit
               FOR UPDATE SKIP LOCKED
            """)
    @RegisterConstructorMapper(DueTimer.class)
    List<DueTimer> dueTimers(Instant now, int limit);

    record DueTimer(long id, Instant expiresAt) {
    }

    @SqlQuery("""
            UPDATE key_request
               SET reminders_sent = reminders_sent + 1,
                   next_reminder_at = CASE WHEN reminders_sent + 1 < :maxReminders
                                           THEN CAST(:now AS timestamptz) + remind_every END
             WHERE id = :id
            RETURNING reminders_sent
            """)
    int reminded(long id, Instant now, int maxReminders);

    @SqlQuery("""
            UPDATE key_request
               SET state = :to, updated_at = :at,
                   decided_by = COALESCE(:decidedBy, decided_by),
                   decided_at = COALESCE(:decidedAt, decided_at),
                   decision_note = COALESCE(:note, decision_note),
                   key_id = COALESCE(:keyId, key_id),
                   key_sha256 = COALESCE(:keySha256, key_sha256),
                   key_hint = COALESCE(:keyHint, key_hint),
                   failure = :failure,
                   problem = NULL
             WHERE id = :id AND state = :from
            RETURNING *
            """)
    Optional<KeyRequest> update(long id, String from, String to, Instant at,
                                String decidedBy, Instant decidedAt, String note,
                                String keyId, String keySha256, String keyHint, String failure);

    /** The end of the audit chain, locked until this transaction ends: lines are chained one at a time. */
    @SqlQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
    @RegisterConstructorMapper(ChainHead.class)
    ChainHead lockChainHead();

    record ChainHead(long seq, String hash) {
    }

    /** Writes the line and moves the chain's head onto it: one round trip while the head is locked. */
    @SqlUpdate("""
            WITH line AS (
                INSERT INTO audit_event (seq, at, request_id, type, actor, actor_name, project, key_name, key_id,
                                         key_sha256, detail, message_link, prev_hash, hash)
                VALUES (:l.seq, :l.at, :l.requestId, :l.type, :l.actor, :l.actorName, :l.project, :l.keyName,
                        :l.keyId, :l.keySha256, :l.detail, :l.messageLink, :l.prevHash, :l.hash)
                RETURNING seq, hash)
            UPDATE audit_head SET seq = line.seq, hash = line.hash FROM line WHERE audit_head.id = 1
            """)
    void insertLineAtHead(@BindMethods("l") AuditRecord line);

    /** Appends the event to the audit chain, with the request's context as it stands after the change. */
    default void append(AuditEvent event, KeyRequest request, String actorName) {
        ChainHead head = lockChainHead();
        var key = request.issuedKey();
        AuditRecord line = new AuditRecord(0, AuditChain.storable(event.at()), event.requestId(), event.type(),
                event.actor(), actorName, request.projectName(), request.keyName(),
                key.map(KeyRequest.IssuedKey::id).orElse(null), key.map(KeyRequest.IssuedKey::fingerprint).orElse(null),
                event.detail(), request.message().map(KeyRequest.MessageRef::link).orElse(null), null, null)
                .chained(head.seq() + 1, head.hash());
        insertLineAtHead(line);
    }

    @SqlQuery("""
            UPDATE key_request SET message_channel = :m.channel, message_ts = :m.ts, message_link = :m.link
             WHERE id = :id
            RETURNING *
            """)
    Optional<KeyRequest> attachMessage(long id, @BindMethods("m") KeyRequest.MessageRef message);

    @Transaction
    default KeyRequest create(Draft draft, Project project, Instant at, String requesterName) {
        KeyRequest request = insert(draft, project, AuditChain.storable(at), project.pendingTtl().toSeconds(),
                project.remindAfter().toSeconds());
        append(new AuditEvent(request.id(), EventType.REQUESTED, draft.requester(), at, draft.reason()), request,
                requesterName);
        return request;
    }

    @Transaction
    default Optional<KeyRequest> move(long id, Transition t, String actorName) {
        var decision = Optional.ofNullable(t.decision());
        var key = Optional.ofNullable(t.key());
        Optional<KeyRequest> moved = update(id, t.from().name(), t.to().name(), t.at(),
                decision.map(KeyRequest.Decision::by).orElse(null),
                decision.map(KeyRequest.Decision::at).orElse(null),
                decision.map(KeyRequest.Decision::note).orElse(null),
                key.map(KeyRequest.IssuedKey::id).orElse(null),
                key.map(KeyRequest.IssuedKey::fingerprint).orElse(null),
                key.map(KeyRequest.IssuedKey::hint).orElse(null),
                t.failure());
        moved.ifPresent(request -> append(t.auditEvent(id), request, actorName));
        if (moved.isPresent() && t.startsDelivery()) {
            enqueue(id, t.at(), t.startsFirstDelivery());
        }
        return moved;
    }

    @Transaction
    default Optional<KeyRequest> addApproval(long id, String approver, int required, Instant at,
                                             String approverName) {
        Optional<KeyRequest> counted = appendApproval(id, approver, AuditChain.storable(at));
        if (counted.isEmpty()) {
            return counted;
        }
        KeyRequest request = counted.get();
        if (request.approvals().size() >= required) {
            return move(id, Transition.approve(approver, at), approverName);
        }
        append(new AuditEvent(id, EventType.APPROVAL, approver, at,
                request.approvals().size() + " of " + required + " approvals"), request, approverName);
        return counted;
    }

    @Transaction
    default List<RequestStore.TimerOutcome> fireDueTimers(Instant now, int maxReminders, int limit) {
        List<RequestStore.TimerOutcome> fired = new java.util.ArrayList<>();
        for (DueTimer due : dueTimers(now, limit)) {
            if (due.expiresAt() != null && !due.expiresAt().isAfter(now)) {
                move(due.id(), Transition.expire(now), Actors.KEYBOT)
                        .ifPresent(r -> fired.add(new RequestStore.TimerOutcome(r, EventType.EXPIRED)));
            } else {
                int sent = reminded(due.id(), now, maxReminders);
                KeyRequest r = find(due.id()).orElseThrow();
                append(new AuditEvent(r.id(), EventType.REMINDED, Actors.KEYBOT, now,
                        "reminder " + sent + " of " + maxReminders), r, Actors.KEYBOT);
                fired.add(new RequestStore.TimerOutcome(r, EventType.REMINDED));
            }
        }
        return fired;
    }

    /** A Retry may find the failed delivery's job still there (kept to update the message): it is replaced. */
    @SqlUpdate("""
            INSERT INTO delivery_job (request_id, due_at, first_delivery) VALUES (:id, :at, :first)
            ON CONFLICT (request_id) DO UPDATE
                SET due_at = :at, attempts = 0, locked_until = NULL, first_delivery = :first
            """)
    void enqueue(long id, Instant at, boolean first);
}
