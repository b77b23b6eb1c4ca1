package keybot.approvals;

/** Who a Slack user is called, for the audit log: the name at the time, since names change. */
public interface Directory {

    /** The user's display name now; the id itself when the name cannot be found. Never throws. */
    String displayName(String userId);

    /** For keybot itself and for tests: every actor is named by its id. */
    Directory IDS_ONLY = userId -> userId;
}
