package keybot.approvals;

/**
 * What a change owes the people it concerns, written with the change in one transaction and performed after it
 * commits, by whichever replica looks first, in the order they were written for each request. Each effect shows
 * the request as it is when performed, so one written later of the same kind makes an earlier one redundant.
 *
 * @param about whom the effect is about, when it matters: the reviewer of a {@link Kind#THREAD_REVIEW}
 */
public record Effect(Kind kind, String about) {

    public enum Kind {
        /** Post the new request for its approvers, and show it in App Home. */
        POST_REQUEST,
        /** Bring the approval message, and App Home, up to date with where the request stands. */
        UPDATE_MESSAGE,
        /** Tell the requester where the request stands. */
        TELL_REQUESTER,
        /** Reply under the approval message that a reviewer approved or denied. */
        THREAD_REVIEW,
        /** Remind the approvers under the approval message, while the request still waits. */
        THREAD_REMINDER
    }

    public static final Effect POST_REQUEST = new Effect(Kind.POST_REQUEST, null);
    public static final Effect UPDATE_MESSAGE = new Effect(Kind.UPDATE_MESSAGE, null);
    public static final Effect TELL_REQUESTER = new Effect(Kind.TELL_REQUESTER, null);
    public static final Effect THREAD_REMINDER = new Effect(Kind.THREAD_REMINDER, null);

    public static Effect review(String reviewer) {
        return new Effect(Kind.THREAD_REVIEW, reviewer);
    }
}
