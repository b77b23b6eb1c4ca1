package keybot.bot.slack;

/** Every callback_id, block_id and action_id keybot sends to Slack and listens for. */
public final class Ids {

    /** The request modal; its input blocks use the same id for block and action. */
    public static final String KEY_REQUEST = "key_request";

    public static final String PROJECT = "project";
    public static final String KEY_NAME = "key_name";
    public static final String REASON = "reason";
    public static final String DESCRIPTION = "description";

    /** The approval message's buttons; their value is the request id. */
    public static final String DECISION = "decision";

    public static final String APPROVE = "approve";
    public static final String DENY = "deny";
    /** In the requester's "pending" message: withdraw the request; its value is the request id. */
    public static final String CANCEL = "cancel";

    /** On a failed request's message: an approver asks keybot to try the delivery again. */
    public static final String RETRY = "retry";

    /** Under a page of history: the next, older page; its value is the page's query. */
    public static final String HISTORY_OLDER = "history_older";

    /** The modal asking an approver why they deny; private_metadata carries the request id. */
    public static final String DENY_REASON = "deny_reason";

    public static final String DENY_REASON_INPUT = "deny_reason";

    private Ids() {}

    /** A button's value, or a form's private metadata, that names a request. */
    public static String valueOf(long requestId) {
        return String.valueOf(requestId);
    }

    /** The request a button value or private metadata names; -1, a request that never exists, when it names none. */
    public static long requestId(String value) {
        try {
            return Long.parseLong(value);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
