package keybot.approvals;

import java.time.Clock;
import java.util.Set;

/**
 * Requests nobody answers must not wait forever: after the project's remind-after, keybot reminds the approvers
 * (at most {@link #MAX_REMINDERS} times, spaced by remind-after); after its pending TTL, the request expires. The
 * timers live in the database, so they survive restarts and every replica may fire them, each once.
 */
public final class PendingTimers {

    public static final int MAX_REMINDERS = 3;
    private static final int BATCH = 20;

    private final RequestStore store;
    private final Policy policy;
    private final Notifier notifier;
    private final Clock clock;

    public PendingTimers(RequestStore store, Policy policy, Notifier notifier, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Fires what is due now; true when something was, so the caller may look again at once. */
    public boolean fireDue() {
        var fired = store.fireDueTimers(clock.instant(), MAX_REMINDERS, BATCH);
        for (RequestStore.TimerOutcome outcome : fired) {
            KeyRequest request = outcome.request();
            if (outcome.what() == EventType.EXPIRED) {
                notifier.refreshApproval(request);
                notifier.tellRequester(request);
            } else {
                Set<String> approvers = policy.project(request.projectRef()).map(policy::approversOf).orElse(Set.of());
                notifier.remind(request, approvers);
            }
        }
        return !fired.isEmpty();
    }
}
