package keybot.db;

import java.time.Instant;
import java.util.Optional;
import keybot.approvals.AuditChain;
import keybot.approvals.KeyRequest;

/** The columns a move writes, flattened from the request it leaves behind. */
public record MovedRow(
        String state,
        Instant updatedAt,
        int version,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        String[] approvals,
        String keyId,
        String keySha256,
        String keyHint,
        String failure,
        Instant expiresAt,
        Instant nextReminderAt,
        int remindersSent) {

    static MovedRow of(KeyRequest r) {
        Optional<KeyRequest.Decision> decision = r.decided();
        Optional<KeyRequest.IssuedKey> key = r.issuedKey();
        var timers = Optional.ofNullable(r.timers());
        return new MovedRow(
                r.state().name(),
                AuditChain.storable(r.updatedAt()),
                r.version(),
                decision.map(KeyRequest.Decision::by).orElse(null),
                decision.map(KeyRequest.Decision::at).orElse(null),
                decision.map(KeyRequest.Decision::note).orElse(null),
                r.approvals().toArray(String[]::new),
                key.map(KeyRequest.IssuedKey::id).orElse(null),
                key.map(KeyRequest.IssuedKey::fingerprint).orElse(null),
                key.map(KeyRequest.IssuedKey::hint).orElse(null),
                r.failure(),
                timers.map(t -> t.expiresAt()).orElse(null),
                timers.map(t -> t.nextReminderAt()).orElse(null),
                timers.map(t -> t.remindersSent()).orElse(0));
    }
}
