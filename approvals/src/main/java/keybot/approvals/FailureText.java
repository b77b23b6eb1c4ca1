package keybot.approvals;

/** Why a request failed, in words for the requester, the approvers and the audit log. */
public final class FailureText {

    private static final int DETAIL_MAX = 300;

    private FailureText() {}

    /** What went wrong and what a person can do about it. */
    public static String of(IssueFailure failure, KeyRequest request) {
        String cause = cause(failure, request);
        return switch (failure.kind()) {
            case NAME_REJECTED -> cause + " Request the key again with another name.";
            case NOT_PERMITTED ->
                cause + " An admin needs to give the token the \"API Keys: Read-write\" and"
                        + " \"API Key Secrets: Read\" permissions.";
            case NOT_FOUND ->
                cause
                        + (request.issuedKey().isPresent()
                                ? " An approver can click Retry to create a" + " new key."
                                : " An admin should check the project ref in keybot's config.");
            case RATE_LIMITED -> cause + " Try again in a minute.";
            case UNAVAILABLE, TIMEOUT -> cause + " Try again later.";
            case BAD_RESPONSE -> cause;
        };
    }

    /** After the attempts ran out on a passing problem: say so, so nobody thinks it was a refusal. */
    public static String gaveUp(IssueFailure failure, KeyRequest request, int attempts) {
        return cause(failure, request) + " keybot tried " + attempts + " times; an approver can click Retry.";
    }

    public static String waiting(IssueFailure failure, KeyRequest request) {
        return cause(failure, request) + " keybot will try again by itself.";
    }

    private static String cause(IssueFailure failure, KeyRequest request) {
        String said = failure.detail().isBlank() ? "" : " Supabase said: \"" + clip(failure.detail()) + "\".";
        return switch (failure.kind()) {
            case NAME_REJECTED ->
                "Supabase refused the key name \"" + request.ask().keyName() + "\"." + said;
            case NOT_PERMITTED ->
                "keybot's Supabase access token is not allowed to create or read API keys" + " for project "
                        + request.ask().projectRef() + "." + said;
            case NOT_FOUND ->
                request.issuedKey()
                        .map(k -> "The key keybot created (Supabase key id " + k.id() + ") no longer exists." + said)
                        .orElse("Supabase does not know project "
                                + request.ask().projectRef() + "." + said);
            case RATE_LIMITED -> "Supabase is rate-limiting keybot right now." + said;
            case UNAVAILABLE -> "Supabase could not be reached or failed." + said;
            case TIMEOUT -> "Supabase did not answer in time.";
            case BAD_RESPONSE -> "Supabase answered in a way keybot does not understand." + said;
        };
    }

    public static String undelivered(String why, boolean permanent) {
        return "The key is created but could not be sent to the requester yet: " + clip(why) + "."
                + (permanent
                        ? " An admin needs to look at this; keybot keeps trying every few minutes."
                        : " keybot will try again by itself.");
    }

    /** A message Slack refused for good, for the request's history. */
    public static String messageRefused(Effect effect, String why) {
        return message(effect) + ": Slack answered " + clip(why) + ".";
    }

    /** A message that kept failing for a reason that may pass, until keybot stopped trying. */
    public static String messageGaveUp(Effect effect, String why, int attempts) {
        return message(effect) + ": Slack kept failing (" + clip(why) + "); keybot tried " + attempts + " times.";
    }

    private static String message(Effect effect) {
        return switch (effect.kind()) {
            case POST_REQUEST -> "The request could not be posted for its approvers";
            case UPDATE_MESSAGE -> "The approval message could not be brought up to date";
            case TELL_REQUESTER -> "The requester could not be told where the request stands";
            case THREAD_REVIEW -> "The review could not be replied under the approval message";
            case THREAD_REMINDER -> "The approvers could not be reminded";
        };
    }

    public static String unexpected(RuntimeException e) {
        return "Something unexpected went wrong (" + e.getClass().getSimpleName() + "). keybot will try again.";
    }

    private static String clip(String s) {
        if (s == null) {
            return "no reason given";
        }
        return s.length() <= DETAIL_MAX ? s : s.substring(0, DETAIL_MAX) + "…";
    }
}
