package keybot.approvals;

import java.time.Instant;
import java.util.Optional;

/**
 * When a waiting request expires, when its approvers are next reminded (none once {@link #MAX_REMINDERS} were
 * sent), and how many reminders were sent. They live on the request, so they survive restarts and any replica may
 * fire them.
 */
public record Timers(Instant expiresAt, Instant nextReminderAt, int remindersSent) {

    public static final int MAX_REMINDERS = 3;

    /** A new request's timers, counted from its submission. */
    public static Timers startingAt(Instant at, Rules rules) {
        return new Timers(at.plus(rules.pendingTtl()), at.plus(rules.remindAfter()), 0);
    }

    public Optional<Instant> nextReminder() {
        return Optional.ofNullable(nextReminderAt);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    boolean reminderDueAt(Instant now) {
        return nextReminderAt != null && !nextReminderAt.isAfter(now);
    }

    /** After one more reminder: the next one {@code every} later, unless that was the last. */
    Timers reminded(Instant now, java.time.Duration every) {
        int sent = remindersSent + 1;
        return new Timers(expiresAt, sent < MAX_REMINDERS ? now.plus(every) : null, sent);
    }
}
