package keybot.approvals;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;

/**
 * Requests nobody answers must not wait forever: the timers each request carries remind its approvers, then expire
 * it ({@link KeyRequest#dueTimer} says which). They live in the database, so they survive restarts; any replica
 * may fire them, and the conditional move lets exactly one fire each.
 */
public final class PendingTimers {

    private static final int BATCH = 20;

    private final RequestStore store;
    private final Clock clock;

    public PendingTimers(RequestStore store, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Fires what is due now; true when something fired here, so the caller may look again at once. */
    public boolean fireDue() {
        Instant now = clock.instant();
        boolean fired = false;
        for (KeyRequest due : store.dueTimers(now, BATCH)) {
            fired |= due.dueTimer(now).flatMap(store::move).isPresent();
        }
        return fired;
    }
}
