package keybot.bot.slack;

import keybot.approvals.EventType;
import keybot.approvals.State;

/** The words people read for a request's states and events, in one place. */
public final class Labels {

    private Labels() {}

    public static String state(State state) {
        return switch (state) {
            case PENDING -> "pending";
            case APPROVED -> "approved";
            case KEY_CREATED -> "key created";
            case DELIVERED -> "delivered";
            case DENIED -> "denied";
            case CANCELLED -> "cancelled";
            case EXPIRED -> "expired";
            case FAILED -> "failed";
        };
    }

    public static String event(EventType type) {
        return switch (type) {
            case REQUESTED -> "requested";
            case APPROVAL -> "approval";
            case APPROVED -> "approved";
            case DENIED -> "denied";
            case CANCELLED -> "cancelled";
            case EXPIRED -> "expired";
            case REMINDED -> "reminded";
            case KEY_CREATED -> "key created";
            case DELIVERED -> "delivered";
            case FAILED -> "failed";
            case RETRIED -> "retried";
            case MESSAGE_FAILED -> "message failed";
        };
    }

    /** Who did something: a Slack user as a mention, keybot by name. */
    public static String actor(String actor) {
        return SlackIds.isUser(actor) ? SlackText.mention(actor) : SlackText.user(actor, 100);
    }
}
