package keybot.approvals;

/** What happened to a request; one audit event each. */
public enum EventType { REQUESTED, APPROVED, DENIED, KEY_CREATED, DELIVERED, FAILED, RETRIED }
