package keybot.approvals;

/** What a person typed into the request form, not yet checked. */
public record Draft(String requester, String projectRef, String keyName, String reason, String description) {}
