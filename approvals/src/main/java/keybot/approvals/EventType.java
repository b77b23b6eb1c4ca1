package keybot.approvals;

/** What happened to a request; one audit event each. APPROVAL is one of several approvals a project requires. */
public enum EventType { REQUESTED, APPROVAL, APPROVED, DENIED, CANCELLED, EXPIRED, REMINDED, KEY_CREATED, DELIVERED, FAILED,
    RETRIED }
