package keybot.db;

import java.time.Instant;
import java.util.Optional;
import keybot.approvals.AuditEvent;
import keybot.approvals.EffectQueue;
import keybot.approvals.KeyRequest;

/** The {@link EffectQueue} in PostgreSQL: the {@code effect} table. */
final class PostgresEffectQueue implements EffectQueue {

    private final EffectDao effects;

    PostgresEffectQueue(EffectDao effects) {
        this.effects = effects;
    }

    @Override
    public Optional<Claimed> claim(Instant now, Instant leaseUntil) {
        return effects.claimEffect(now, leaseUntil);
    }

    @Override
    public void done(long effectId) {
        effects.deleteEffect(effectId);
    }

    @Override
    public void posted(long effectId, long requestId, KeyRequest.MessageRef message) {
        effects.posted(effectId, requestId, message);
    }

    @Override
    public void retryAt(long effectId, Instant due) {
        effects.releaseEffect(effectId, due);
    }

    @Override
    public void dropped(long effectId, AuditEvent why) {
        effects.dropped(effectId, why);
    }
}
