package keybot.approvals;

import java.time.Instant;

/**
 * One stored line of the audit log, as chained: everything an auditor needs about the event, the hash of the
 * line before it, and its own hash over all of that. Never holds a secret: a key appears only by its id, its
 * SHA-256 and at most 6 of its characters (which stay on the request, not here).
 */
public record AuditRecord(
        long seq,
        Instant at,
        long requestId,
        EventType type,
        String actor,
        String actorName,
        String project,
        String keyName,
        String keyId,
        String keySha256,
        String detail,
        String messageLink,
        String prevHash,
        String hash) {

    /** The same line with its place in the chain and its hash filled in, its time as PostgreSQL keeps it. */
    public AuditRecord chained(long seq, String prevHash) {
        AuditRecord placed = placed(seq, prevHash, null);
        return placed(seq, prevHash, AuditChain.hash(placed));
    }

    private AuditRecord placed(long seq, String prevHash, String hash) {
        return new AuditRecord(
                seq,
                AuditChain.storable(at),
                requestId,
                type,
                actor,
                actorName,
                project,
                keyName,
                keyId,
                keySha256,
                detail,
                messageLink,
                prevHash,
                hash);
    }
}
