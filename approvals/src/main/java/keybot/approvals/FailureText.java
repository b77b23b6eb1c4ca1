package keybot.approvals;

/** Why a request failed, in words for the requester, the approvers and the audit log. */
public final class FailureText {

    private static final int DETAIL_MAX = 300;

    private FailureText() {
    }

    public static String of(IssueFailure failure, KeyRequest request) {
        String said = failure.detail().isBlank() ? "" : " Supabase said: \"" + clip(failure.detail()) + "\".";
        return switch (failure.kind()) {
            case NAME_REJECTED -> "Supabase refused the key name \"" + request.keyName() + "\"." + said
                    + " Request the key again with another name.";
            case NOT_PERMITTED -> "keybot's Supabase access token is not allowed to create or read API keys"
                    + " for project " + request.projectRef() + "." + said + " An admin needs to give the token"
                    + " the \"API Keys: Read-write\" and \"API Key Secrets: Read\" permissions.";
            case NOT_FOUND -> "Supabase does not know project " + request.projectRef() + "." + said
                    + " An admin should check the project ref in keybot's config.";
            case RATE_LIMITED -> "Supabase is rate-limiting keybot right now." + said + " Try again in a minute.";
            case UNAVAILABLE -> "Supabase could not be reached or failed." + said + " Try again later.";
            case TIMEOUT -> "Supabase did not answer in time. Try again later.";
            case BAD_RESPONSE -> "Supabase answered in a way keybot does not understand." + said;
        };
    }

    public static String undelivered(KeyRequest.IssuedKey key, String why) {
        return "The key was created (Supabase key id " + key.id() + ") but the direct message with it could not"
                + " be sent: " + clip(why) + ". Delete that key in the Supabase dashboard and request a new one.";
    }

    public static String unexpected(RuntimeException e) {
        return "Something unexpected went wrong while creating the key (" + e.getClass().getSimpleName()
                + "). Nothing was sent.";
    }

    private static String clip(String s) {
        if (s == null) {
            return "no reason given";
        }
        return s.length() <= DETAIL_MAX ? s : s.substring(0, DETAIL_MAX) + "…";
    }
}
