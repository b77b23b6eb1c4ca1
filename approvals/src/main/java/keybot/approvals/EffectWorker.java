package keybot.approvals;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Optional;

/**
 * Performs what changes owe people, from the durable queue they were written to: claims the effect that heads a
 * request's queue, shows the request as it is now, and settles the effect. A failure that may pass is tried again
 * with backoff; one that will not, or that outlasts every attempt, is recorded in the request's history and
 * dropped, never retried forever and never lost without a word.
 */
public final class EffectWorker {

    private final EffectQueue queue;
    private final Notifier notifier;
    private final RetryPolicy retry;
    private final Clock clock;

    public EffectWorker(EffectQueue queue, Notifier notifier, RetryPolicy retry, Clock clock) {
        this.queue = requireNonNull(queue, "queue");
        this.notifier = requireNonNull(notifier, "notifier");
        this.retry = requireNonNull(retry, "retry");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * Claims the due effect that has waited longest and performs it, then the rest of its request's while they
     * follow without a wait; false when nothing was due.
     */
    public boolean runOne() {
        Optional<EffectQueue.Claimed> first =
                queue.claim(clock.instant(), clock.instant().plus(retry.lease()));
        Optional<EffectQueue.Claimed> claimed = first;
        while (claimed.isPresent()) {
            long requestId = claimed.get().requestId();
            claimed = perform(claimed.get())
                    ? queue.claimNextOf(
                            requestId, clock.instant(), clock.instant().plus(retry.lease()))
                    : Optional.empty();
        }
        return first.isPresent();
    }

    /** True when the effect is settled for good (done or dropped), false when it waits to be tried again. */
    private boolean perform(EffectQueue.Claimed claimed) {
        if (claimed.superseded()) {
            queue.done(claimed.id()); // a later effect shows the same
            return true;
        }
        Notifier.Outcome outcome;
        try {
            outcome = notifier.perform(claimed.request(), claimed.effect());
        } catch (RuntimeException unexpected) {
            outcome = Notifier.Outcome.passing(unexpected.getClass().getSimpleName(), Optional.empty());
        }
        return settle(claimed, outcome);
    }

    private boolean settle(EffectQueue.Claimed claimed, Notifier.Outcome outcome) {
        switch (outcome.status()) {
            case DONE ->
                outcome.posted()
                        .ifPresentOrElse(
                                m -> queue.posted(claimed.id(), claimed.requestId(), m),
                                () -> queue.done(claimed.id()));
            case PASSING -> {
                if (claimed.attempts() < retry.maxAttempts()) {
                    queue.retryAt(
                            claimed.id(), clock.instant().plus(retry.delay(claimed.attempts(), outcome.retryAfter())));
                    return false;
                }
                drop(claimed, FailureText.messageGaveUp(claimed.effect(), outcome.why(), claimed.attempts()));
            }
            case REFUSED -> drop(claimed, FailureText.messageRefused(claimed.effect(), outcome.why()));
        }
        return true;
    }

    private void drop(EffectQueue.Claimed claimed, String why) {
        queue.dropped(
                claimed.id(),
                new AuditEvent(claimed.requestId(), EventType.MESSAGE_FAILED, Actors.KEYBOT, clock.instant(), why));
    }
}
