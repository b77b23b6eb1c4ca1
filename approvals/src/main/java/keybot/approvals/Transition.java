package keybot.approvals;

import java.time.Instant;
import java.util.List;

/**
 * One move of a request: the request as it was read ({@code before}) and as the move leaves it ({@code after}), the
 * audit event that records it, the effects it owes people, and the delivery it starts. The domain decides all of
 * that here; a store writes it in one transaction, and only while the request is still at {@code before}'s
 * version, so of two racing moves from one version exactly one applies.
 */
public record Transition(
        KeyRequest before, KeyRequest after, AuditEvent event, List<Effect> effects, Delivery delivery) {

    /** Which delivery a move starts: none, the request's first, or another after a failed one (Retry). */
    public enum Delivery {
        NONE,
        FIRST,
        AGAIN
    }

    private static final List<Effect> SHOWN = List.of(Effect.UPDATE_MESSAGE);
    private static final List<Effect> SHOWN_AND_TOLD = List.of(Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER);

    public Transition {
        effects = List.copyOf(effects);
        if (before.id() != after.id()) {
            throw new IllegalArgumentException("a move is of one request");
        }
        boolean staysPending = before.state() == State.PENDING && after.state() == State.PENDING;
        if (!staysPending && !before.state().mayMoveTo(after.state())) {
            throw new IllegalArgumentException(before.state() + " may not move to " + after.state());
        }
    }

    public long requestId() {
        return before.id();
    }

    public State from() {
        return before.state();
    }

    public State to() {
        return after.state();
    }

    /**
     * The approver's approval of a waiting request: the one that makes the number its rules require approves it and
     * starts its first delivery; one before that is counted and shown as progress.
     */
    public static Transition approval(KeyRequest r, String approver, Instant at) {
        require(r, State.PENDING);
        List<String> approvals = r.approvalsWith(approver);
        List<Effect> effects =
                r.rules().takesSeveralApprovals() ? List.of(Effect.review(approver), Effect.UPDATE_MESSAGE) : SHOWN;
        if (approvals.size() >= r.rules().approvalsRequired()) {
            KeyRequest approved = r.after(
                    State.APPROVED,
                    at,
                    new KeyRequest.Decision(approver, at, null),
                    approvals,
                    r.key(),
                    null,
                    r.timers());
            return new Transition(
                    r, approved, event(r, EventType.APPROVED, approver, at, null), effects, Delivery.FIRST);
        }
        KeyRequest counted = r.after(State.PENDING, at, null, approvals, null, null, r.timers());
        return new Transition(
                r, counted, event(r, EventType.APPROVAL, approver, at, counted.progress()), effects, Delivery.NONE);
    }

    /** One deny denies, whatever approvals came before it. */
    public static Transition denial(KeyRequest r, String approver, String reason, Instant at) {
        require(r, State.PENDING);
        List<Effect> effects = r.rules().takesSeveralApprovals()
                ? List.of(Effect.review(approver), Effect.UPDATE_MESSAGE, Effect.TELL_REQUESTER)
                : SHOWN_AND_TOLD;
        return ended(
                r,
                State.DENIED,
                EventType.DENIED,
                approver,
                at,
                reason,
                new KeyRequest.Decision(approver, at, reason),
                effects);
    }

    public static Transition cancellation(KeyRequest r, String requester, Instant at) {
        require(r, State.PENDING);
        return ended(
                r,
                State.CANCELLED,
                EventType.CANCELLED,
                requester,
                at,
                "cancelled by the requester",
                null,
                SHOWN_AND_TOLD);
    }

    public static Transition expiry(KeyRequest r, Instant at) {
        require(r, State.PENDING);
        return ended(
                r, State.EXPIRED, EventType.EXPIRED, Actors.KEYBOT, at, "no decision in time", null, SHOWN_AND_TOLD);
    }

    /** The approvers are reminded; the next reminder is due a remind-after later, unless this was the last. */
    public static Transition reminder(KeyRequest r, Instant at) {
        require(r, State.PENDING);
        Timers timers = r.timers().reminded(at, r.rules().remindAfter());
        KeyRequest reminded = r.after(State.PENDING, at, null, r.approvals(), null, null, timers);
        String detail = "reminder " + timers.remindersSent() + " of " + Timers.MAX_REMINDERS;
        return new Transition(
                r,
                reminded,
                event(r, EventType.REMINDED, Actors.KEYBOT, at, detail),
                List.of(Effect.THREAD_REMINDER),
                Delivery.NONE);
    }

    /** An approver asks keybot to try a failed delivery again; the original approval stands. */
    public static Transition retry(KeyRequest r, String approver, Instant at) {
        require(r, State.FAILED);
        KeyRequest again = r.after(State.APPROVED, at, r.decision(), r.approvals(), r.key(), null, r.timers());
        return new Transition(r, again, event(r, EventType.RETRIED, approver, at, null), SHOWN, Delivery.AGAIN);
    }

    /** The key exists; its secret goes to the requester next, so there is nothing to show yet. */
    public static Transition keyCreated(KeyRequest r, KeyRequest.IssuedKey key, Instant at) {
        require(r, State.APPROVED);
        KeyRequest created = r.after(State.KEY_CREATED, at, r.decision(), r.approvals(), key, null, r.timers());
        String detail = "key " + key.id() + ", sha256 " + key.fingerprint();
        return new Transition(
                r, created, event(r, EventType.KEY_CREATED, Actors.KEYBOT, at, detail), List.of(), Delivery.NONE);
    }

    public static Transition delivered(KeyRequest r, Instant at) {
        require(r, State.KEY_CREATED);
        KeyRequest sent = r.after(State.DELIVERED, at, r.decision(), r.approvals(), r.key(), null, r.timers());
        return new Transition(
                r,
                sent,
                event(
                        r,
                        EventType.DELIVERED,
                        Actors.KEYBOT,
                        at,
                        "sent by direct message to " + r.ask().requester()),
                SHOWN,
                Delivery.NONE);
    }

    public static Transition failed(KeyRequest r, String reason, Instant at) {
        KeyRequest failed = r.after(State.FAILED, at, r.decision(), r.approvals(), r.key(), reason, r.timers());
        return new Transition(
                r, failed, event(r, EventType.FAILED, Actors.KEYBOT, at, reason), SHOWN_AND_TOLD, Delivery.NONE);
    }

    private static Transition ended(
            KeyRequest r,
            State to,
            EventType type,
            String actor,
            Instant at,
            String detail,
            KeyRequest.Decision decision,
            List<Effect> effects) {
        KeyRequest ended = r.after(to, at, decision, r.approvals(), null, null, r.timers());
        return new Transition(r, ended, event(r, type, actor, at, detail), effects, Delivery.NONE);
    }

    /** Each kind of move leaves one state; the one {@link State} allows it from is not always the one meant. */
    private static void require(KeyRequest r, State from) {
        if (r.state() != from) {
            throw new IllegalArgumentException("request #" + r.id() + " is " + r.state() + ", not " + from);
        }
    }

    private static AuditEvent event(KeyRequest r, EventType type, String actor, Instant at, String detail) {
        return new AuditEvent(r.id(), type, actor, at, detail);
    }
}
