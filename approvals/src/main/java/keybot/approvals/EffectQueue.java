package keybot.approvals;

import java.time.Instant;
import java.util.Optional;

/**
 * The effects owed, as the moves that caused them wrote them. Any replica may claim one, but only the oldest of a
 * request's, so each request's effects are performed one at a time and in order. A claim is a lease: the effect
 * of a replica that dies is claimed again once it runs out.
 */
public interface EffectQueue {

    /**
     * A claimed effect, with its request as it is now: how many times it has been claimed (this claim included), and
     * whether a later effect of the request does the same again, which makes performing this one unnecessary.
     */
    record Claimed(long id, KeyRequest request, Effect effect, int attempts, boolean superseded) {
        public long requestId() {
            return request.id();
        }
    }

    /** Claims the due effect that heads its request's queue and has waited longest; empty when none is due. */
    Optional<Claimed> claim(Instant now, Instant leaseUntil);

    /**
     * Claims the request's next effect, when it is first of its request, due and free: for the worker that just
     * settled the one before it, so a request's effects follow each other without a search of the whole queue.
     */
    Optional<Claimed> claimNextOf(long requestId, Instant now, Instant leaseUntil);

    /** Performed: it is gone. */
    void done(long effectId);

    /** The request was posted for its approvers there: remembered on the request, and the effect gone, together. */
    void posted(long effectId, long requestId, KeyRequest.MessageRef message);

    /** Not performed for now: released to be claimed again at {@code due}. */
    void retryAt(long effectId, Instant due);

    /**
     * Given up: Slack refused it for good, or kept failing. It is gone, and {@code why} is recorded in the request's
     * history, in one transaction, so nobody is left to wonder.
     */
    void dropped(long effectId, AuditEvent why);
}
