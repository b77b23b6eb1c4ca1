package keybot.approvals;

import java.time.Instant;

/**
 * One move of a request from an expected state to the next, with what it records and its audit event.
 * A store applies it only if the request is still in {@code from}, and writes both in one transaction; a move to
 * APPROVED also queues the delivery there.
 */
public record Transition(State from, State to, EventType event, String actor, Instant at, String detail,
                         KeyRequest.Decision decision, KeyRequest.IssuedKey key, String failure) {

    public Transition {
        if (!from.mayMoveTo(to)) {
            throw new IllegalArgumentException(from + " may not move to " + to);
        }
    }

    public static Transition approve(String approver, Instant at) {
        return new Transition(State.PENDING, State.APPROVED, EventType.APPROVED, approver, at, null,
                new KeyRequest.Decision(approver, at, null), null, null);
    }

    public static Transition deny(String approver, String reason, Instant at) {
        return new Transition(State.PENDING, State.DENIED, EventType.DENIED, approver, at, reason,
                new KeyRequest.Decision(approver, at, reason), null, null);
    }

    public static Transition keyCreated(KeyRequest.IssuedKey key, Instant at) {
        String detail = "key " + key.id() + ", sha256 " + key.fingerprint();
        return new Transition(State.APPROVED, State.KEY_CREATED, EventType.KEY_CREATED, Actors.KEYBOT, at,
                detail, null, key, null);
    }

    public static Transition delivered(String requester, Instant at) {
        return new Transition(State.KEY_CREATED, State.DELIVERED, EventType.DELIVERED, Actors.KEYBOT, at,
                "sent by direct message to " + requester, null, null, null);
    }

    public static Transition cancel(String requester, Instant at) {
        return new Transition(State.PENDING, State.CANCELLED, EventType.CANCELLED, requester, at,
                "cancelled by the requester", null, null, null);
    }

    public static Transition expire(Instant at) {
        return new Transition(State.PENDING, State.EXPIRED, EventType.EXPIRED, Actors.KEYBOT, at,
                "no decision in time", null, null, null);
    }

    /** An approver asks keybot to try a failed delivery again. */
    public static Transition retry(String approver, Instant at) {
        return new Transition(State.FAILED, State.APPROVED, EventType.RETRIED, approver, at, null, null, null, null);
    }

    public static Transition failed(State from, String reason, Instant at) {
        return new Transition(from, State.FAILED, EventType.FAILED, Actors.KEYBOT, at, reason, null, null, reason);
    }

    /** Moving to APPROVED owes a delivery: the store queues it in the same transaction. */
    public boolean startsDelivery() {
        return to == State.APPROVED;
    }

    /**
     * The first approval starts the request's first delivery, which no earlier run can have created a key for;
     * a Retry does not, as the delivery that failed may have created one.
     */
    public boolean startsFirstDelivery() {
        return startsDelivery() && from == State.PENDING;
    }

    public AuditEvent auditEvent(long requestId) {
        return new AuditEvent(requestId, event, actor, at, detail);
    }
}
