package keybot.approvals;

/**
 * What happened to a request; one audit event each. APPROVAL is one of several approvals a project requires;
 * MESSAGE_FAILED is a message keybot owed someone in Slack that Slack refused for good, or kept failing.
 */
public enum EventType {
    REQUESTED,
    APPROVAL,
    APPROVED,
    DENIED,
    CANCELLED,
    EXPIRED,
    REMINDED,
    KEY_CREATED,
    DELIVERED,
    FAILED,
    RETRIED,
    MESSAGE_FAILED
}
