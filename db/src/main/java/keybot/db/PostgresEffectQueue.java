package keybot.db;

import java.time.Instant;
import java.util.Optional;
import keybot.approvals.AuditEvent;
import keybot.approvals.EffectQueue;
import keybot.approvals.KeyRequest;

/** The {@link EffectQueue} in PostgreSQL: the {@code effect} table. */
final class PostgresEffectQueue implements EffectQueue {

    private final EffectDao effects;
    private final RequestDao requests;

    PostgresEffectQueue(EffectDao effects, RequestDao requests) {
        this.effects = effects;
        this.requests = requests;
    }

    @Override
    public Optional<Claimed> claim(Instant now, Instant leaseUntil) {
        return effects.claimEffect(now, leaseUntil);
    }

    @Override
    public Optional<Claimed> claimNextOf(long requestId, Instant now, Instant leaseUntil) {
        return effects.claimNextOf(requestId, now, leaseUntil);
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
        requests.dropEffect(effectId, why);
    }
}
