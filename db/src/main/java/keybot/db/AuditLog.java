package keybot.db;

import keybot.approvals.AuditChain;
import keybot.approvals.AuditEvent;
import keybot.approvals.AuditRecord;
import keybot.approvals.KeyRequest;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Appending to the audit log's hash chain, inside whatever transaction records the change. */
interface AuditLog {

    /** The end of the audit chain, locked until this transaction ends: lines are chained one at a time. */
    @SqlQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
    @RegisterConstructorMapper(ChainHead.class)
    ChainHead lockChainHead();

    record ChainHead(long seq, String hash) {}

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
        AuditRecord line = new AuditRecord(
                        0,
                        AuditChain.storable(event.at()),
                        event.requestId(),
                        event.type(),
                        event.actor(),
                        actorName,
                        request.ask().projectName(),
                        request.ask().keyName(),
                        key.map(KeyRequest.IssuedKey::id).orElse(null),
                        key.map(KeyRequest.IssuedKey::fingerprint).orElse(null),
                        event.detail(),
                        request.message().map(KeyRequest.MessageRef::link).orElse(null),
                        null,
                        null)
                .chained(head.seq() + 1, head.hash());
        insertLineAtHead(line);
    }
}
